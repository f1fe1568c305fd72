import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { PotentialDuplicateView } from '../../../preload/schemas/pull';
import { errorMessage } from '../../lib/format';
import { connectionTitle } from '../../../preload/status/connection-sentences';
import { useStores } from '../../store/stores';
import './contact-pull.css';
import { RelativeTime } from '../../ui/relative-time';

/**
 * CRM records a pull found that look like this contact without a sure match
 * (so Ferry neither linked nor copied them): the record's name, e-mail and
 * company as pulled, why it looks like the same person, and "Not the same
 * person" (as `ferry potential-duplicates dismiss`), after which it is gone for good.
 */
export function ContactPotentialDuplicates({ contactId, version }: { contactId: number; version: number }) {
  const stores = useStores();
  const connections = useStore(stores.connections, (s) => s.connections);
  // a pull changes the pull counts: the list is read again then
  const counts = useStore(stores.pull, (s) => s.counts);
  const [items, setItems] = useState<PotentialDuplicateView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    stores.client.getPotentialDuplicates({ contactId }).then((d) => { if (live) setItems(d); }, (e: unknown) => { if (live) setError(errorMessage(e)); });
    return () => { live = false; };
  }, [stores, contactId, version, counts]);

  const dismiss = async (d: PotentialDuplicateView): Promise<void> => {
    try {
      await stores.client.dismissPotentialDuplicate({ contactId: d.contactId, connectionId: d.connectionId, externalId: d.externalId });
      setItems((now) => now?.filter((x) => x !== d) ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (error) return <p className="action-error" role="alert">{error}</p>;
  if (!items || items.length === 0) return null;
  const where = (id: number): string => {
    const c = connections?.find((x) => x.id === id);
    return c ? connectionTitle(c) : `Connection ${id}`;
  };
  return (
    <section aria-labelledby="dupes-heading" className="detail-section" data-testid="potential-duplicates">
      <h3 id="dupes-heading">Maybe the same person in a CRM</h3>
      <ul className="history-list">
        {items.map((d) => (
          <li key={`${d.connectionId}:${d.externalId}`} data-testid="potential-duplicate">
            <strong>{d.crmName || '(no name)'}</strong>{d.crmEmail && <span> · {d.crmEmail}</span>}{d.crmCompany && <span> · {d.crmCompany}</span>}
            <span className="muted"> in {where(d.connectionId)}: {d.why}</span>
            <span className="muted small"> · found <RelativeTime ms={d.foundAt} /></span>
            {' '}<button type="button" className="link-button" onClick={() => { void dismiss(d); }}
              aria-label={`Not the same person: ${d.crmName || d.crmEmail || d.externalId} in ${where(d.connectionId)}`}>Not the same person</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
