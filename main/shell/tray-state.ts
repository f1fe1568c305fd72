import type { ConnectionStatus, SyncMode } from '../store/connections';

export type TrayState = 'idle' | 'syncing' | 'attention';

export interface TrayConnection {
  label: string;
  status: ConnectionStatus;
  mode: SyncMode;
  /** the outbox's count (main/store/outbox.ts): the same number the card and `ferry status` show */
  pending: number;
  quarantined: number;
}

interface TrayRun {
  label: string;
  done: number;
  total: number;
}

export interface TrayModel {
  state: TrayState;
  tooltip: string;
  /** "Pause automatic sync" is offered when something syncs on its own and is not paused */
  canPause: boolean;
  /** "Resume automatic sync" is offered when something is paused */
  canResume: boolean;
}

const PROBLEM: Partial<Record<ConnectionStatus, (label: string) => string>> = {
  needs_reauth: (l) => `${l} needs you to sign in again`,
  error: (l) => `${l} has a problem`,
};

/**
 * What the tray shows. Attention wins over syncing (a rep must see a problem
 * even while another connection syncs); quarantined records need attention
 * because they will not sync until someone fixes them.
 */
export function trayModel(connections: readonly TrayConnection[], runs: readonly TrayRun[]): TrayModel {
  const active = connections.filter((c) => c.status !== 'disconnected');
  const canPause = active.some((c) => c.mode !== 'manual' && c.status !== 'paused');
  const canResume = active.some((c) => c.status === 'paused');

  const problems = active.flatMap((c) => {
    const sentence = PROBLEM[c.status];
    if (sentence) return [sentence(c.label)];
    if (c.quarantined > 0) return [`${c.label}: ${c.quarantined} ${c.quarantined === 1 ? 'record needs' : 'records need'} fixing`];
    return [];
  });
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return { state: 'attention', tooltip: `Ferry — ${problems[0]}${more}`, canPause, canResume };
  }

  const syncing = runs.length > 0 ? runs : active.filter((c) => c.status === 'syncing').map((c) => ({ label: c.label, done: 0, total: 0 }));
  if (syncing.length > 0) {
    const parts = syncing.map((r) => (r.total > 0 ? `${r.label} ${r.done}/${r.total}` : r.label));
    return { state: 'syncing', tooltip: `Ferry — syncing ${parts.join(', ')}`, canPause, canResume };
  }

  let tooltip: string;
  if (active.length === 0) tooltip = 'Ferry — no CRM connected';
  else if (active.every((c) => c.status === 'paused')) tooltip = 'Ferry — sync paused';
  else if (active.some((c) => c.status === 'waiting_for_network')) tooltip = 'Ferry — offline; changes will sync when the network returns';
  else {
    const pending = active.reduce((n, c) => n + (c.status === 'paused' ? 0 : c.pending), 0);
    tooltip = pending > 0 ? `Ferry — ${pending} ${pending === 1 ? 'change' : 'changes'} waiting to be sent` : 'Ferry — up to date';
  }
  return { state: 'idle', tooltip, canPause, canResume };
}
