import { useEffect, useState } from 'react';
import { listedVerb, removedVerb } from '../../../destinations/index';
import type { ConnectionView } from '../../../preload/schemas/connection';
import type { DeletesView } from '../../../preload/schemas/duplicates';
import { errorMessage } from '../../lib/format';
import { useStores } from '../../store/stores';

type ToCrm = DeletesView['mode'];
type FromCrm = DeletesView['fromCrm'];

/**
 * Deletes between Ferry and this CRM, off by default in both directions: what a
 * delete in Ferry does in the CRM (keep, delete there, or keep and mark it) and
 * what a pull does with a contact the CRM deleted (keep, delete, or tag). Each
 * choice is a radio group whose sentence says what happens.
 */
export function DeletesSetting({ c, disabled }: { c: ConnectionView; disabled: boolean }) {
  const { client } = useStores();
  const [view, setView] = useState<DeletesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client.getDeletes({ connectionId: c.id }).then((v) => { if (live) setView(v); }, () => undefined);
    return () => { live = false; };
  }, [client, c.id]);

  if (!view?.supported && !view?.fromCrmSupported) return null;
  const save = async (change: { mode: ToCrm } | { fromCrm: FromCrm }): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setView(await client.setDeletes({ connectionId: c.id, ...change }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  // the verb the sentence under it uses: HubSpot and Mailchimp archive, the others delete
  const toCrm: [ToCrm, string][] = [['off', `Keep in ${c.label}`], ['archive', `${removedVerb(c.kind) === 'archived' ? 'Archive' : 'Delete'} in ${c.label} too`]];
  if (view.tagSupported) toCrm.push(['tag', 'Keep and mark "Deleted in Ferry"']);
  const fromCrm: [FromCrm, string][] = [['off', 'Keep in Ferry'], ['delete', 'Delete in Ferry too'], ['tag', `Keep and tag "Deleted in ${c.label}"`]];
  return (
    <div className="deletes-setting" data-testid="deletes-setting">
      {view.supported && (
        <fieldset disabled={disabled || busy} data-testid="deletes-to-crm">
          <legend>When a contact is deleted in Ferry</legend>
          {toCrm.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name={`deletes-to-${c.id}`} value={value} checked={view.mode === value} onChange={() => void save({ mode: value })} />
              {' '}{label}
            </label>
          ))}
          <p className="muted">{view.sentence}</p>
        </fieldset>
      )}
      {view.fromCrmSupported && (
        <fieldset disabled={disabled || busy} data-testid="deletes-from-crm">
          <legend>When a contact is {listedVerb(c.kind)} in {c.label} (on pull)</legend>
          {fromCrm.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name={`deletes-from-${c.id}`} value={value} checked={view.fromCrm === value} onChange={() => void save({ fromCrm: value })} />
              {' '}{label}
            </label>
          ))}
          <p className="muted">{view.fromCrmSentence}</p>
        </fieldset>
      )}
      {error && <p className="action-error" role="alert">{error}</p>}
    </div>
  );
}
