import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { HistoryEntryView } from '../../../preload/schemas/pull';
import { errorMessage, formatDateTime } from '../../lib/format';
import { useStores } from '../../store/stores';
import './contact-pull.css';

const sourceText = (h: HistoryEntryView): string => (h.source.kind === 'ferry' ? 'Ferry' : h.source.label || `Connection ${h.source.connectionId}`);
const shown = (v: string | null): string => (v === null || v === '' ? '(empty)' : v);

/**
 * A contact's changes that came from a CRM or from settling a conflict: field,
 * old → new, where from, when. Read again when the contact or the pull counts change.
 */
export function ContactHistory({ contactId, version }: { contactId: number; version: number }) {
  const stores = useStores();
  // a pull or a settled conflict changes the pull counts: the history is read again then
  const counts = useStore(stores.pull, (s) => s.counts);
  const [items, setItems] = useState<HistoryEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    stores.client.getContactHistory({ contactId }).then((h) => { if (live) setItems(h); }, (e: unknown) => { if (live) setError(errorMessage(e)); });
    return () => { live = false; };
  }, [stores, contactId, version, counts]);

  if (error) return <p className="action-error" role="alert">{error}</p>;
  if (!items || items.length === 0) return null;
  return (
    <section aria-labelledby="history-heading" className="detail-section" data-testid="contact-history">
      <h3 id="history-heading">Change history</h3>
        <ol className="history-list">
          {items.map((h) => (
            <li key={h.id} data-testid="history-entry">
              <strong>{h.field}</strong>: <span className="history-old">{shown(h.old)}</span> → <span className="history-new">{shown(h.new)}</span>
              <span className="muted small"> · from {sourceText(h)} · {formatDateTime(h.at)}</span>
            </li>
          ))}
        </ol>
    </section>
  );
}
