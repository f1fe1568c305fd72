import { useEffect, useState } from 'react';
import type { ConnectionView, DryRunPlanView } from '../../../preload/schemas/connection';
import { errorMessage, formatCount } from '../../lib/format';
import { KIND_NAMES } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';

/** Contacts per page of the preview: each has a table of its field changes, so a page stays quick to draw. */
export const PREVIEW_PAGE = 20;

/** Each action's badge: held is set aside, never sent (main/sync/shared-email.ts). */
const BADGES: Record<DryRunPlanView['items'][number]['action'], { label: string; tone: string }> = {
  create: { label: 'Create', tone: 'badge-healthy' },
  update: { label: 'Update', tone: 'badge-warning' },
  held: { label: 'Set aside', tone: 'badge-error' },
};

type Load = { state: 'loading' } | { state: 'ready'; plan: DryRunPlanView } | { state: 'error'; message: string };

/** What the next sync would create or update, field by field, without sending anything. */
export function DryRunDialog({ c, onClose }: { c: ConnectionView; onClose: () => void }) {
  const stores = useStores();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [page, setPage] = useState(0);
  useEffect(() => {
    let live = true;
    stores.connections.getState().dryRun(c.id).then(
      (plan) => { if (live) setLoad({ state: 'ready', plan }); },
      (e: unknown) => { if (live) setLoad({ state: 'error', message: errorMessage(e) }); },
    );
    return () => { live = false; };
  }, [stores, c.id]);
  const crm = KIND_NAMES[c.kind];

  return (
    <Dialog wide scrollableBody title={`Preview: next sync to ${c.label}`} onClose={onClose} footer={<Button onClick={onClose}>Close</Button>}>
      {load.state === 'loading' && <Spinner label="Working out what would be sent…" />}
      {load.state === 'error' && <Banner tone="error" title="Could not build the preview">{load.message}</Banner>}
      {load.state === 'ready' && load.plan.total === 0 && load.plan.held === 0 && <EmptyState title="Nothing to send">Every contact is already up to date in {crm}.</EmptyState>}
      {load.state === 'ready' && (load.plan.total > 0 || load.plan.held > 0) && (
        <>
          <p data-testid="dry-run-summary">
            The next sync would create <strong>{formatCount(load.plan.creates)}</strong> and update <strong>{formatCount(load.plan.updates)}</strong> {crm} records.
            {load.plan.held > 0 && <> It would set aside <strong>{formatCount(load.plan.held)}</strong>: another of your contacts has the same e-mail in {crm}.</>}
            {load.plan.items.length < load.plan.total + load.plan.held && ` The first ${formatCount(load.plan.items.length)} are listed.`} Nothing has been sent.
          </p>
          <Pager count={load.plan.items.length} page={page} onPage={setPage} />
          <ul className="dry-run-list">
            {load.plan.items.slice(page * PREVIEW_PAGE, (page + 1) * PREVIEW_PAGE).map((item) => (
              <li key={item.contactId}>
                <div className="row"><strong>{item.name}</strong><span className={`badge ${BADGES[item.action].tone}`}>{BADGES[item.action].label}</span></div>
                {item.reason !== undefined && <p>{item.reason}</p>}
                {item.changes.length > 0 && <table className="table changes">
                  <caption className="visually-hidden">Field changes for {item.name}</caption>
                  <thead><tr><th scope="col">Field</th><th scope="col">In {crm} now</th><th scope="col">Would become</th></tr></thead>
                  <tbody>
                    {item.changes.map((ch) => (
                      <tr key={ch.field}><td className="mono">{ch.field}</td><td className="old">{ch.old ?? '—'}</td><td className="new">{ch.new ?? '—'}</td></tr>
                    ))}
                  </tbody>
                </table>}
              </li>
            ))}
          </ul>
          <Pager count={load.plan.items.length} page={page} onPage={setPage} />
        </>
      )}
    </Dialog>
  );
}

function Pager({ count, page, onPage }: { count: number; page: number; onPage: (page: number) => void }) {
  const pages = Math.ceil(count / PREVIEW_PAGE);
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Preview pages">
      <Button size="small" disabled={page === 0} onClick={() => onPage(page - 1)}>Previous</Button>
      <span className="muted">{formatCount(page * PREVIEW_PAGE + 1)}–{formatCount(Math.min(count, (page + 1) * PREVIEW_PAGE))} of {formatCount(count)}</span>
      <Button size="small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>Next</Button>
    </nav>
  );
}
