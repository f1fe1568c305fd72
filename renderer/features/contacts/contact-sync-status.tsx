import { useStore } from 'zustand';
import type { ContactSyncLinkView } from '../../../preload/schemas/contacts-api';
import { RelativeTime } from '../../ui/relative-time';
import { KIND_NAMES, isDelivery } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';

/** Where this contact stands in each connected CRM, with a link to the record when one can be built. */
export function ContactSyncStatus({ sync, contactId, contactName }: { sync: ContactSyncLinkView[]; contactId: number; contactName: string }) {
  const stores = useStores();
  const connections = useStore(stores.connections, (s) => s.connections) ?? [];
  if (sync.length === 0) return <p className="muted">Not connected to any CRM yet. Add an integration to send this contact.</p>;
  const showLog = (connectionId: number): void => {
    stores.app.getState().navigate('log');
    void stores.log.getState().setFilter({ connectionId, contactId, contactName, contactIds: null, outcomes: [] });
  };
  return (
    <ul className="sync-status" data-testid="contact-sync-status">
      {sync.map((s) => {
        const conn = connections.find((c) => c.id === s.connectionId);
        const kind = conn?.kind ?? (s.kind as keyof typeof KIND_NAMES);
        const name = conn?.label ?? KIND_NAMES[kind] ?? s.kind;
        const delivered = isDelivery(kind);
        return (
          <li key={s.connectionId}>
            <span className="sync-name">{name}</span>
            <SyncBadge state={s.state} delivered={delivered} crm={KIND_NAMES[kind] ?? name} sent={s.externalId !== null} />
            <span className="muted">{s.syncedAt !== null ? <>{delivered ? 'Delivered' : 'Synced'} <RelativeTime ms={s.syncedAt} /></> : ''}</span>
            {/* The desktop app opens it in the system browser (allow-listed CRM hosts only). */}
            {s.recordUrl ? <a href={s.recordUrl} target="_blank" rel="noreferrer noopener" data-testid="crm-record-link">Open in {KIND_NAMES[kind]}</a>
              : s.externalId ? <span className="muted mono">Record {s.externalId}</span> : null}
            {s.lastError && <span className="sync-error">{s.lastError}</span>}
            <Button size="small" variant="ghost" onClick={() => showLog(s.connectionId)}>History</Button>
          </li>
        );
      })}
    </ul>
  );
}

/** One badge per state of the outbox (main/store/outbox.ts decides; this only words it). */
function SyncBadge({ state, delivered, crm, sent }: { state: ContactSyncLinkView['state']; delivered: boolean; crm: string; sent: boolean }) {
  switch (state) {
    case 'set_aside': return <Badge tone="error">Rejected</Badge>;
    case 'waiting': return <Badge tone="warning">Waiting to send</Badge>;
    case 'synced': return <Badge tone="healthy">{delivered ? 'Delivered' : 'Synced'}</Badge>;
    case 'demo': return <Badge>Demo contact — sent to sandboxes only</Badge>;
    case 'deleted': return <Badge>{sent ? `Deleted in Ferry, kept in ${crm}` : 'Deleted in Ferry before it was sent'}</Badge>;
  }
}
