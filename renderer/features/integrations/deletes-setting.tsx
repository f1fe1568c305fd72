import { useEffect, useState } from 'react';
import type { ConnectionView } from '../../../preload/schemas/connection';
import type { DeletesView } from '../../../preload/schemas/duplicates';
import { errorMessage } from '../../lib/format';
import { useStores } from '../../store/stores';

/**
 * Whether a contact deleted in Ferry is removed in this CRM too: off by
 * default, one switch per connection, and the sentence says what happens.
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

  if (!view?.supported) return null;
  const toggle = async (on: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setView(await client.setDeletes({ connectionId: c.id, mode: on ? 'archive' : 'off' }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="deletes-setting" data-testid="deletes-setting">
      <label>
        <input type="checkbox" checked={view.mode === 'archive'} disabled={disabled || busy} onChange={(e) => void toggle(e.target.checked)} />
        {' '}Delete in {c.label} too when a contact is deleted in Ferry
      </label>
      <p className="muted">{view.sentence}</p>
      {error && <p className="action-error" role="alert">{error}</p>}
    </div>
  );
}
