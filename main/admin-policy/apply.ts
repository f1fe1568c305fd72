import { sameMapping, saveMapping } from '../mapping/save';
import { LOCKED_SUBJECTS, lockedSentence } from '../../preload/schemas/policy';
import { listConnections, updateConnection, type Connection } from '../store/connections';
import type { Db } from '../store/db';
import { getSettings, updateSettings } from '../store/settings';
import { setConnectionFilter } from '../store/connection-filter';
import type { SyncService } from '../sync/service-api';
import { mayConnectKind } from './locks';
import type { PolicyState } from './policy-store';

export interface AppliedPolicy {
  /** "HubSpot: mode", "Salesforce: mapping", "daily allocation headroom" */
  changed: string[];
  /** connections paused because the admin does not allow their CRM */
  paused: string[];
}

/**
 * Makes this data folder's settings the admin's: every setting the policy
 * names takes the policy's value (mode and interval through the engine, so
 * switching to Automatic pushes what is pending), and a connection to a CRM the
 * admin does not allow is paused with the sentence. Runs when Ferry starts (app,
 * agent, any command that syncs) and after a policy is imported; idempotent.
 * A policy with a problem changes nothing: everything is locked as it is.
 */
export function applyPolicy(db: Db, sync: Pick<SyncService, 'setMode' | 'pause'>, state: PolicyState, crmName: (c: Connection) => string, now = Date.now()): AppliedPolicy {
  const out: AppliedPolicy = { changed: [], paused: [] };
  const policy = state.policy;
  if (state.problem || !policy) return out;
  for (const c of listConnections(db)) {
    const name = crmName(c);
    if (!mayConnectKind(state, c.kind)) {
      if (c.status !== 'paused') {
        sync.pause(c.id);
        updateConnection(db, c.id, { lastError: `${lockedSentence(LOCKED_SUBJECTS.destinations)} ${name} is not one of them, so Ferry stopped sending to it; your contacts stay in Ferry.` }, now);
        out.paused.push(name);
      }
      continue;
    }
    const p = policy.connections?.[c.kind];
    if (!p) continue;
    if (p.mode !== undefined && (c.mode !== p.mode || (p.mode === 'scheduled' && c.intervalMinutes !== p.intervalMinutes))) {
      sync.setMode(c.id, p.mode, p.mode === 'scheduled' ? p.intervalMinutes ?? null : null);
      out.changed.push(`${name}: mode`);
    }
    if (p.mapping !== undefined && !sameMapping(c.mapping, p.mapping)) {
      saveMapping(db, c.id, p.mapping, now);
      out.changed.push(`${name}: mapping`);
    }
    // the connection's filter itself: applied on the pending queue at once (newly kept-out contacts dropped, others queued)
    if (p.filter !== undefined && setConnectionFilter(db, c.id, p.filter, now)) out.changed.push(`${name}: filter`);
  }
  if (policy.allocationStopPercent !== undefined && getSettings(db).allocationStopPercent !== policy.allocationStopPercent) {
    updateSettings(db, { allocationStopPercent: policy.allocationStopPercent });
    out.changed.push('daily allocation headroom');
  }
  return out;
}
