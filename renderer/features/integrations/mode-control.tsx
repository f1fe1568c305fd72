import { useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { useStores } from '../../store/stores';
import { Button } from '../../ui/button';
import { intervalError, ModeFields, type ModeValue } from './mode-editor';
import { LOCKED_SUBJECTS } from '../../../preload/schemas/policy';
import { KIND_NAMES } from '../../lib/kinds';
import { LockedSetting } from './locked-setting';

/** Shows the mode; "Change" opens the fields inline and applies with one call. */
export function ModeControl({ c }: { c: ConnectionView }) {
  const stores = useStores();
  const setMode = useStore(stores.connections, (s) => s.setMode);
  const busy = useStore(stores.connections, (s) => s.busy[c.id]);
  const [editing, setEditing] = useState<ModeValue | null>(null);
  const [tried, setTried] = useState(false);

  if (!editing) {
    const words = c.mode === 'manual' ? 'Manual' : c.mode === 'automatic' ? 'Automatic' : `Every ${c.intervalMinutes ?? '?'} min`;
    if (c.locks?.mode) return <LockedSetting label={`Mode: ${words}`} subject={LOCKED_SUBJECTS.mode(KIND_NAMES[c.kind])} />;
    return (
      <Button onClick={() => setEditing({ mode: c.mode, interval: String(c.intervalMinutes ?? 15) })} aria-label={`Sync mode: ${words}. Change`} data-testid="mode-button">
        Mode: {words}
      </Button>
    );
  }
  const apply = (): void => {
    setTried(true);
    if (intervalError(editing)) return;
    void setMode(c.id, editing.mode, editing.mode === 'scheduled' ? Number(editing.interval) : null).then(() => setEditing(null));
  };
  return (
    <div className="mode-inline" role="group" aria-label="Change sync mode" onKeyDown={(e) => { if (e.key === 'Escape') setEditing(null); }}>
      <ModeFields value={editing} onChange={setEditing} showErrors={tried} />
      <Button variant="primary" size="small" busy={busy === 'setMode'} onClick={apply}>Apply</Button>
      <Button size="small" onClick={() => setEditing(null)}>Cancel</Button>
    </div>
  );
}
