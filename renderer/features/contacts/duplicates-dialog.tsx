import { useCallback, useEffect, useState } from 'react';
import { displayName } from '../../../preload/schemas/contact';
import type { DuplicateGroupView, MatchReasonView, MergeResultView } from '../../../preload/schemas/duplicates';
import { errorMessage, plural } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Dialog } from '../../ui/dialog';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { MergePanel } from './merge-panel';

const WHY: Record<MatchReasonView['rule'], string> = { email: 'Same e-mail', phone: 'Same phone', name: 'Similar name at' };

/** Duplicates: the groups Ferry found and why; the first group's pair opens side by side for a merge. */
export function DuplicatesDialog({ onClose }: { onClose: () => void }) {
  const stores = useStores();
  const [groups, setGroups] = useState<DuplicateGroupView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(0);
  const [last, setLast] = useState<MergeResultView | null>(null);

  const load = useCallback(async () => {
    try {
      setGroups(await stores.client.listDuplicates({}));
      setOpen(0);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [stores]);
  useEffect(() => { void load(); }, [load]);

  const merged = (result: MergeResultView): void => {
    setLast(result);
    void stores.contacts.getState().refresh();
    void load();
  };

  const group = groups?.[open];
  const [keep, other] = group ? group.contacts : [];
  return (
    <Dialog title="Duplicates" onClose={onClose} wide>
      {error && <Banner tone="error" title="Could not look for duplicates">{error}</Banner>}
      {last && (
        <Banner tone="success" title={`Merged #${last.otherId} into #${last.keepId}`}>
          {last.crms.length === 0 ? 'No CRM held both people.' : last.crms.map((c) => <div key={c.connectionId}>{c.crm}: {c.message}</div>)}
        </Banner>
      )}
      {groups === null && !error && <Spinner label="Looking for duplicates…" />}
      {groups?.length === 0 && <EmptyState title="No duplicates">No two contacts share an e-mail or a phone, or have a similar name at the same company.</EmptyState>}
      {groups && groups.length > 0 && (
        <>
          <p>{plural(groups.length, 'group')} of contacts that look like one person.</p>
          <ul className="duplicate-groups" aria-label="Duplicate groups">
            {groups.map((g, i) => (
              <li key={g.contacts.map((c) => c.id).join('-')}>
                <button type="button" className={`link-button${i === open ? ' current' : ''}`} aria-current={i === open || undefined} onClick={() => setOpen(i)}>
                  {g.contacts.map((c) => `${displayName(c)} (#${c.id})`).join(' · ')}
                </button>
                <div className="muted">{g.reasons.map((r) => `${WHY[r.rule]} ${r.value}`).filter((v, j, all) => all.indexOf(v) === j).join(' · ')}</div>
              </li>
            ))}
          </ul>
          {keep && other && (
            <MergePanel key={`${keep.id}-${other.id}`} keep={keep} other={other} onMerged={merged} onDismissed={() => { setLast(null); void load(); }} />
          )}
        </>
      )}
    </Dialog>
  );
}
