import { useEffect, useState } from 'react';
import { displayName, type Contact } from '../../../preload/schemas/contact';
import type { MergeChoice, MergeField, MergePreviewView, MergeResultView } from '../../../preload/schemas/duplicates';
import { errorMessage } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

const LABELS: Record<MergeField, string> = {
  firstName: 'First name', lastName: 'Last name', company: 'Company', title: 'Title', website: 'Website', notes: 'Notes',
  emails: 'E-mails', phones: 'Phones', addresses: 'Addresses', tags: 'Tags', customFields: 'Custom fields', meeting: 'Met',
};
const LISTS: ReadonlySet<MergeField> = new Set(['emails', 'phones', 'addresses', 'tags', 'customFields']);

/**
 * Two contacts side by side, one row per field with a value: the rep picks which
 * value survives (lists may keep both), sees the merged contact in the last
 * column (Ferry's own preview, so it is what Merge will write), then merges.
 */
export function MergePanel({ keep, other, onMerged, onDismissed }: {
  keep: Contact; other: Contact; onMerged: (result: MergeResultView) => void; onDismissed: () => void;
}) {
  const { client } = useStores();
  const [choices, setChoices] = useState<Partial<Record<MergeField, MergeChoice>>>({});
  const [preview, setPreview] = useState<MergePreviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client.previewMerge({ keepId: keep.id, otherId: other.id, choices })
      .then((p) => { if (live) { setPreview(p); setError(null); } }, (e: unknown) => { if (live) setError(errorMessage(e)); });
    return () => { live = false; };
  }, [client, keep.id, other.id, choices]);

  const merge = async (): Promise<void> => {
    setBusy(true);
    try {
      onMerged(await client.mergeContacts({ keepId: keep.id, otherId: other.id, choices }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const dismiss = async (): Promise<void> => {
    setBusy(true);
    try {
      await client.dismissDuplicates({ ids: [keep.id, other.id] });
      onDismissed();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const rows = (preview?.fields ?? []).filter((f) => f.keep !== '' || f.other !== '');
  return (
    <section className="merge-panel" aria-label={`Merge ${displayName(other)} into ${displayName(keep)}`} data-testid="merge-panel">
      {error && <Banner tone="error" title="Could not merge">{error}</Banner>}
      <table className="table merge-table">
        <caption className="visually-hidden">Choose which value each field keeps</caption>
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Keep #{keep.id}</th><th scope="col">Other #{other.id}</th><th scope="col">Merged</th></tr>
        </thead>
        <tbody>
          {rows.map((f) => {
            const name = `merge-${f.field}`;
            const pick = (choice: MergeChoice) => setChoices((c) => ({ ...c, [f.field]: choice }));
            // the rep's pick shows at once; the merged value follows when Ferry's preview answers
            const chosen = choices[f.field] ?? f.choice;
            return (
              <tr key={f.field} data-field={f.field}>
                <th scope="row">{LABELS[f.field]}</th>
                <td><label><input type="radio" name={name} checked={chosen === 'keep'} onChange={() => pick('keep')} /> {f.keep || <span className="muted">empty</span>}</label></td>
                <td><label><input type="radio" name={name} checked={chosen === 'other'} onChange={() => pick('other')} /> {f.other || <span className="muted">empty</span>}</label></td>
                <td>
                  {LISTS.has(f.field) && <label className="merge-both"><input type="radio" name={name} checked={chosen === 'both'} onChange={() => pick('both')} /> Both</label>}
                  <output aria-label={`${LABELS[f.field]} after the merge`}>{f.result || <span className="muted">empty</span>}</output>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">#{other.id} is deleted in Ferry after the merge; the CRMs that hold both people are told (HubSpot merges the two records; others say what to do there).</p>
      <div className="row">
        <Button variant="primary" busy={busy} disabled={!preview} onClick={() => void merge()}>Merge into #{keep.id}</Button>
        <Button busy={busy} onClick={() => void dismiss()}>Not a duplicate</Button>
      </div>
    </section>
  );
}
