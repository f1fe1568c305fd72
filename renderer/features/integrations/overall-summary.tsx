import type { ConnectionView } from '../../../preload/schemas/connection';
import { overallSentence } from '../../../preload/status/connection-sentences';

/** One sentence above the cards (the same one `ferry status` ends with). */
export function OverallSummary({ connections }: { connections: ConnectionView[] }) {
  const { tone, text } = overallSentence(connections);
  return <p className={`overall overall-${tone}`} role="status" data-testid="overall-summary"><span className={`dot dot-${tone}`} aria-hidden="true" />{text}</p>;
}
