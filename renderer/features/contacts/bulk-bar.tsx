import { useState } from 'react';
import { useStore } from 'zustand';
import { errorMessage, plural } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Button } from '../../ui/button';
import { undoableDelete } from './undoable-delete';

/** What a rep can do with the contacts ticked in the list: tag, retry sending, delete (with Undo). */
export function BulkBar() {
  const stores = useStores();
  const checked = useStore(stores.contacts, (s) => s.checked);
  const connections = useStore(stores.connections, (s) => s.connections) ?? [];
  const [tagging, setTagging] = useState(false);
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  if (checked.length === 0) return null;
  const toast = stores.app.getState().toast;

  const act = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      toast({ tone: 'success', text: await work() });
    } catch (e) {
      toast({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const applyTag = (): void => {
    const t = tag.trim();
    if (!t) return;
    void act(async () => {
      const n = await stores.contacts.getState().tag(checked, t);
      setTagging(false);
      setTag('');
      return `Tagged ${plural(n, 'contact')} “${t}”.`;
    });
  };
  const retry = (): void => void act(async () => {
    let released = 0;
    for (const c of connections) released += (await stores.client.retryQuarantined({ connectionId: c.id, contactIds: checked })).released;
    void stores.connections.getState().load();
    return released > 0 ? `${plural(released, 'record')} set aside will be sent again.` : 'None of these contacts was set aside: nothing to retry.';
  });

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected contacts" data-testid="bulk-bar">
      <span className="bulk-count" role="status">{plural(checked.length, 'contact')} selected</span>
      {tagging ? (
        <form className="row" onSubmit={(e) => { e.preventDefault(); applyTag(); }}>
          <label className="visually-hidden" htmlFor="bulk-tag">Tag to add</label>
          <input id="bulk-tag" className="input bulk-tag" placeholder="Tag to add" value={tag} onChange={(e) => setTag(e.target.value)} autoFocus />
          <Button size="small" type="submit" variant="primary" busy={busy}>Add tag</Button>
          <Button size="small" onClick={() => setTagging(false)}>Cancel</Button>
        </form>
      ) : <Button size="small" onClick={() => setTagging(true)}>Tag…</Button>}
      {connections.length > 0 && <Button size="small" disabled={busy} onClick={retry}>Retry sending</Button>}
      <Button size="small" variant="danger" disabled={busy} onClick={() => void undoableDelete(stores, checked)}>Delete</Button>
      <Button size="small" variant="ghost" onClick={() => stores.contacts.getState().setChecked([])}>Clear selection</Button>
    </div>
  );
}
