import { useState } from 'react';
import { useStore } from 'zustand';
import { errorMessage, plural } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

/**
 * The first run's made-up people are marked "Demo" in the list; this says
 * what that means and removes them all in one click (Undo in the toast).
 */
export function DemoNotice() {
  const stores = useStores();
  const demoCount = useStore(stores.contacts, (s) => s.demoCount);
  const [busy, setBusy] = useState(false);
  if (demoCount === 0) return null;
  const remove = async (): Promise<void> => {
    setBusy(true);
    const { app, contacts } = stores;
    try {
      const ids = await contacts.getState().removeDemo();
      app.getState().toast({
        tone: 'success',
        text: `Removed ${plural(ids.length, 'demo contact')}.`,
        action: { label: 'Undo', run: async () => { await contacts.getState().restore(ids); } },
      });
    } catch (e) {
      app.getState().toast({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Banner tone="info" testId="demo-notice" actions={<Button size="small" busy={busy} onClick={() => void remove()}>Remove demo contacts</Button>}>
      {plural(demoCount, 'contact')} marked <strong>Demo</strong> are made-up people to try Ferry with. They are only ever sent to sandboxes, never to a real CRM.
    </Banner>
  );
}
