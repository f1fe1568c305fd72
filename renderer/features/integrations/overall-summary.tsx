import type { ConnectionView } from '../../../preload/schemas/connection';
import { KIND_NAMES } from '../../lib/kinds';

/** One sentence above the cards: everything fine, or how many need attention. */
export function OverallSummary({ connections }: { connections: ConnectionView[] }) {
  const attention = connections.filter((c) => c.health === 'error' || c.health === 'warning');
  const paused = connections.filter((c) => c.health === 'paused');
  let text: string;
  let tone: 'healthy' | 'warning' | 'error';
  if (attention.length === 0) {
    tone = 'healthy';
    text = paused.length ? `Everything else is reaching its destination; ${paused.map((c) => c.label).join(', ')} ${paused.length === 1 ? 'is' : 'are'} paused.` : 'All integrations are healthy: your changes are reaching their destinations.';
  } else {
    tone = attention.some((c) => c.health === 'error') ? 'error' : 'warning';
    text = `${attention.map((c) => KIND_NAMES[c.kind]).join(', ')} ${attention.length === 1 ? 'needs' : 'need'} attention — see below for what to do.`;
  }
  return <p className={`overall overall-${tone}`} role="status" data-testid="overall-summary"><span className={`dot dot-${tone}`} aria-hidden="true" />{text}</p>;
}
