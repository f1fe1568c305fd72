import { CONNECTION_KINDS, type ConnectionKind, type SyncMode } from '../../preload/schemas/connection';
import { LOCKED_SUBJECTS, lockedSentence, type ConnectionLocks, type PolicyView } from '../../preload/schemas/policy';
import type { PolicyState } from './policy-store';
import type { ContactFilter } from '../../preload/schemas/filter';
import type { MappingInput } from '../../preload/schemas/mapping';

/** What a new connection is made with: its mode, and the filter and mapping the admin sets (written before anything is sent). */
export interface ConnectSettings {
  mode?: SyncMode;
  intervalMinutes?: number;
  filter?: ContactFilter;
  mapping?: MappingInput;
}

/**
 * What a policy locks, and the checks every way of changing a setting (the
 * app's services and the CLI) makes before it changes anything. A refused
 * change throws PolicyLockedError with the one sentence (lockedSentence).
 * While the policy has a problem, everything lockable is locked (fail closed).
 */
export class PolicyLockedError extends Error {
  constructor(subject: string) {
    super(lockedSentence(subject));
    this.name = 'PolicyLockedError';
  }
}

const ALL_LOCKED: ConnectionLocks = { mode: true, mapping: true, filter: true, disconnect: true };

export function connectionLocks(state: PolicyState, kind: ConnectionKind): ConnectionLocks {
  if (state.problem) return ALL_LOCKED;
  const c = state.policy?.connections?.[kind];
  return { mode: c?.mode !== undefined, mapping: c?.mapping !== undefined, filter: c?.filter !== undefined, disconnect: c?.allowDisconnect === false };
}

/** The CRMs that may be connected; null when any may. A policy with a problem allows none. */
export function allowedKinds(state: PolicyState): ConnectionKind[] | null {
  if (state.problem) return [];
  return state.policy?.destinations ?? null;
}

export function allocationLocked(state: PolicyState): boolean {
  return state.problem !== null || state.policy?.allocationStopPercent !== undefined;
}

export function policyView(state: PolicyState): PolicyView {
  return {
    source: state.source,
    location: state.location,
    problem: state.problem,
    allowedKinds: allowedKinds(state),
    locks: Object.fromEntries(CONNECTION_KINDS.map((k) => [k, connectionLocks(state, k)])) as Record<ConnectionKind, ConnectionLocks>,
    allocationLocked: allocationLocked(state),
    adminKey: state.adminKey,
  };
}

export function mayConnectKind(state: PolicyState, kind: ConnectionKind): boolean {
  const allowed = allowedKinds(state);
  return allowed === null || allowed.includes(kind);
}

/**
 * Before a new connection: the CRM must be allowed, and a mode the rep asks for
 * must be the admin's when the admin set one. Returns what to connect with: the
 * mode and interval (the admin's when locked, else what was asked), and the
 * admin's filter and mapping, so a connection made while a policy is in force
 * never sends a contact the policy keeps out (not only after the next start).
 */
export function checkConnect(state: PolicyState, kind: ConnectionKind, crmName: string, asked: { mode?: SyncMode | undefined; intervalMinutes?: number | undefined }): ConnectSettings {
  if (!mayConnectKind(state, kind)) throw new PolicyLockedError(LOCKED_SUBJECTS.destinations);
  const c = state.policy?.connections?.[kind];
  const set = state.problem ? {} : { ...(c?.filter !== undefined ? { filter: c.filter } : {}), ...(c?.mapping !== undefined ? { mapping: c.mapping } : {}) };
  if (state.problem || c?.mode === undefined) {
    return { ...(asked.mode !== undefined ? { mode: asked.mode } : {}), ...(asked.intervalMinutes !== undefined ? { intervalMinutes: asked.intervalMinutes } : {}), ...set };
  }
  const differs = (asked.mode !== undefined && asked.mode !== c.mode) || (asked.mode === 'scheduled' && asked.intervalMinutes !== c.intervalMinutes);
  if (differs) throw new PolicyLockedError(LOCKED_SUBJECTS.mode(crmName));
  return { mode: c.mode, ...(c.intervalMinutes !== undefined ? { intervalMinutes: c.intervalMinutes } : {}), ...set };
}

export function checkSetMode(state: PolicyState, kind: ConnectionKind, crmName: string, mode: SyncMode, intervalMinutes: number | null | undefined): void {
  const locks = connectionLocks(state, kind);
  if (!locks.mode) return;
  const c = state.policy?.connections?.[kind];
  // asking for exactly what the admin set changes nothing, and is allowed
  if (!state.problem && c?.mode === mode && (mode !== 'scheduled' || c.intervalMinutes === intervalMinutes)) return;
  throw new PolicyLockedError(LOCKED_SUBJECTS.mode(crmName));
}

export function checkSetFilter(state: PolicyState, kind: ConnectionKind, crmName: string): void {
  if (connectionLocks(state, kind).filter) throw new PolicyLockedError(LOCKED_SUBJECTS.filter(crmName));
}

export function checkDisconnect(state: PolicyState, kind: ConnectionKind, crmName: string): void {
  if (connectionLocks(state, kind).disconnect) throw new PolicyLockedError(LOCKED_SUBJECTS.disconnect(crmName));
}

/** Resuming a CRM the admin does not allow would send to it again. */
export function checkResume(state: PolicyState, kind: ConnectionKind): void {
  if (!mayConnectKind(state, kind)) throw new PolicyLockedError(LOCKED_SUBJECTS.destinations);
}

export function checkAllocation(state: PolicyState): void {
  if (allocationLocked(state)) throw new PolicyLockedError(LOCKED_SUBJECTS.allocation);
}
