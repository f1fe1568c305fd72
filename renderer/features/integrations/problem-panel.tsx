import type { ConnectionView } from '../../../preload/schemas/connection';
import { KIND_NAMES } from '../../lib/kinds';
import { problemOf, type NextStep } from '../../../preload/status/connection-sentences';
import { Button } from '../../ui/button';
import { Disclosure } from '../../ui/disclosure';

export interface ProblemActions {
  reconnect(): void;
  resume(): void;
  syncNow(): void;
  showQuarantined(): void;
  retryQuarantined(): void;
}

/** The problem in a rep's words, the next step as a button, and the CRM's own message one click away. */
export function ProblemPanel({ c, actions, busy }: { c: ConnectionView; actions: ProblemActions; busy: boolean }) {
  const problem = problemOf(c);
  if (!problem) return null;
  const crm = KIND_NAMES[c.kind];
  const step = (s: NextStep) => {
    switch (s) {
      case 'reconnect': return <Button key={s} variant="primary" size="small" disabled={busy} onClick={actions.reconnect}>Reconnect {crm}</Button>;
      case 'resume': return <Button key={s} size="small" disabled={busy} onClick={actions.resume}>Resume</Button>;
      case 'sync-now': return <Button key={s} size="small" disabled={busy} onClick={actions.syncNow}>Try again now</Button>;
      case 'show-quarantined': return (
        <span key={s} className="row">
          <Button size="small" variant="primary" onClick={actions.showQuarantined}>Show {c.quarantined === 1 ? 'the record' : `the ${c.quarantined} records`}</Button>
          <Button size="small" disabled={busy} onClick={actions.retryQuarantined}>Retry after fixing</Button>
        </span>
      );
      case 'ask-admin': return <span key={s} className="muted">Next step: ask your {crm} admin.</span>;
      case 'check-network': return <span key={s} className="muted">Next step: check Wi-Fi or VPN.</span>;
    }
  };
  return (
    <div className={`problem problem-${problem.tone}`} role={problem.tone === 'error' ? 'alert' : 'status'} data-testid="problem" data-tone={problem.tone}>
      <div className="problem-title">{problem.title}</div>
      <p className="problem-text">{problem.explanation}</p>
      <div className="row">{problem.steps.map(step)}</div>
      {problem.detail && (
        <Disclosure summary={`Show ${crm}'s own message`}>
          <pre data-testid="crm-message">{problem.detail}</pre>
        </Disclosure>
      )}
    </div>
  );
}
