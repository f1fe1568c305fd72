import { attentionSentence, changesWord, type StatusFacts } from '../../preload/status/connection-sentences';

export type TrayState = 'idle' | 'syncing' | 'attention';

/** The facts the card and `ferry status` word too (preload/status/connection-sentences.ts): one sentence each. */
export type TrayConnection = StatusFacts;

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
    const sentence = attentionSentence(c);
    return sentence ? [sentence] : [];
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
    const neverSent = active.every((c) => c.lastSuccessAt === null);
    tooltip = pending > 0 ? `Ferry — ${changesWord(pending)} waiting to be sent` : neverSent ? 'Ferry — connected, nothing sent yet' : 'Ferry — up to date';
  }
  return { state: 'idle', tooltip, canPause, canResume };
}
