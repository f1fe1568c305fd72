import { saveMapping } from '../mapping/save';
import { cardOf as cardOfDb } from './card-of';
import { getConnectionFilter, setConnectionFilter } from '../store/connection-filter';
import { z } from 'zod';
import type { ParsedInput } from '../../preload/contract';
import {
  CONFIG_FORMAT,
  CONFIG_VERSION,
  IGNORED_CONFIG_KEYS,
  ferryConfigSchema,
  type ConfigExport,
  type ConfigImportReport,
  type ExportedConnection,
  type FerryConfig,
} from '../../preload/schemas/config-transfer';
import { findActiveConnection, listConnections, updateConnection } from '../store/connections';
import type { Db } from '../store/db';
import { getSettings, updateSettings } from '../store/settings';
import type { SyncService } from '../sync/service-api';
import { ServiceError } from './errors';
import type { Clock } from './ports';
import { destination } from '../../destinations/index';
import { connectionLocks, type PolicyPort } from '../admin-policy/index';
import { SET_BY_YOUR_ADMIN } from '../../preload/schemas/policy';

interface ConfigTransferDeps {
  db: Db;
  clock: Clock;
  sync: SyncService;
  /** what the admin's policy locks is never changed by an imported configuration */
  policy: PolicyPort;
}

/** What an admin's file may change on a rep's connection: what to send, never where to. */
function importableConfig(c: { object?: 'Contact' | 'Lead' | undefined; batchSize?: number | undefined }): { object?: 'Contact' | 'Lead'; batchSize?: number } {
  return { ...(c.object !== undefined ? { object: c.object } : {}), ...(c.batchSize !== undefined ? { batchSize: c.batchSize } : {}) };
}

/**
 * Export and import of a connection configuration, so an admin can roll out
 * one mapping to every rep.
 *
 * Invariant: an import never changes where a connection sends its credentials
 * or which credentials it sends. Only mode, schedule, mapping and what to send
 * (importableConfig, an allow-list) are taken; the rep's own base URL, auth
 * kind and token variable stay as the rep connected them, whatever the file
 * says. (A file that moved a HubSpot connection's base URL used to make the
 * next sync send the keychain token there.) Secrets never enter the file, and
 * sandbox connections are left out because their URLs are per-machine.
 */
export function createConfigTransfer(deps: ConfigTransferDeps) {
  const { db, clock, sync } = deps;

  const cardOf = (cardId: number | undefined): number => cardOfDb(db, cardId);

  return {
    exportConfig(input: ParsedInput<'exportConfig'>): ConfigExport {
      const cardId = cardOf(input?.cardId);
      const connections: ExportedConnection[] = listConnections(db, cardId)
        .filter((c) => c.config.sandbox !== true)
        .map((c) => ({ kind: c.kind, label: c.label, mode: c.mode, intervalMinutes: c.intervalMinutes, config: importableConfig(c.config), mapping: c.mapping, filter: getConnectionFilter(db, c.id) }));
      const now = new Date(clock.now());
      const config: FerryConfig = {
        format: CONFIG_FORMAT,
        version: CONFIG_VERSION,
        exportedAt: now.toISOString(),
        settings: { defaultPhoneRegion: getSettings(db).defaultPhoneRegion },
        connections,
      };
      // Parse our own output: an export that we could not import back is a bug, caught here.
      ferryConfigSchema.parse(config);
      return { fileName: `ferry-config-${now.toISOString().slice(0, 10)}.json`, json: `${JSON.stringify(config, null, 2)}\n` };
    },

    importConfig(input: ParsedInput<'importConfig'>): ConfigImportReport {
      const cardId = cardOf(input.cardId);
      let raw: unknown;
      try {
        raw = JSON.parse(input.json);
      } catch {
        throw new ServiceError('invalid_input', 'This file is not a Ferry configuration: it is not valid JSON.');
      }
      const parsed = ferryConfigSchema.safeParse(raw);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first && first.path.length > 0 ? ` (at ${first.path.join('.')})` : '';
        throw new ServiceError('invalid_input', `This file is not a Ferry configuration Ferry can read${where}: ${first ? first.message : z.prettifyError(parsed.error)}`);
      }
      const config = parsed.data;
      const report: ConfigImportReport = { applied: [], ignored: [], notConnected: [], sandboxes: [], settingsApplied: false };
      for (const imported of config.connections) {
        for (const key of IGNORED_CONFIG_KEYS) if (imported.config[key] !== undefined) report.ignored.push(`${imported.kind}: ${key}`);
        const existing = findActiveConnection(db, cardId, imported.kind);
        if (!existing) {
          report.notConnected.push(imported.kind);
          continue;
        }
        // An admin's file describes the team's real CRM; a sandbox here is the rep's own trial and keeps its settings.
        if (existing.config.sandbox === true) {
          report.sandboxes.push(imported.kind);
          continue;
        }
        // What the admin's policy locks stays as the policy set it; the report says which.
        const locks = connectionLocks(deps.policy.current(), imported.kind);
        if (locks.mapping) report.ignored.push(`${destination(imported.kind).name}: mapping (${SET_BY_YOUR_ADMIN})`);
        if (locks.mode) report.ignored.push(`${destination(imported.kind).name}: mode (${SET_BY_YOUR_ADMIN})`);
        if (locks.filter && imported.filter !== undefined) report.ignored.push(`${destination(imported.kind).name}: filter (${SET_BY_YOUR_ADMIN})`);
        // The rep's own connection keeps where and how it authenticates; the admin's choices are the allow-list only.
        updateConnection(db, existing.id, { config: { ...existing.config, ...importableConfig(imported.config) } }, clock.now());
        // a new mapping queues the contacts it changes (mapping/save.ts)
        if (!locks.mapping) saveMapping(db, existing.id, imported.mapping, clock.now());
        // the filter re-plans the connection in its own transaction (newly matching contacts queued)
        if (!locks.filter && imported.filter !== undefined) setConnectionFilter(db, existing.id, imported.filter, clock.now());
        // Mode changes go through the engine: switching to Automatic queues everything.
        if (!locks.mode) sync.setMode(existing.id, imported.mode, imported.mode === 'scheduled' ? imported.intervalMinutes : null);
        report.applied.push(imported.kind);
      }
      if (config.settings.defaultPhoneRegion !== undefined) {
        updateSettings(db, { defaultPhoneRegion: config.settings.defaultPhoneRegion });
        report.settingsApplied = true;
      }
      return report;
    },
  };
}

export type ConfigTransfer = ReturnType<typeof createConfigTransfer>;
