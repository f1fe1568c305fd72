import { useState } from 'react';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { destination, type SetupAction } from '../../../destinations/index';
import { errorMessage } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Button } from '../../ui/button';

/**
 * What Ferry can set up in the CRM account (the descriptor's setupActions,
 * e.g. Salesforce's "Add Ferry ID field"); the answer is a toast, and the card
 * is read again (a new field can put set-aside contacts back in line).
 */
export function SetupActionButtons({ c, disabled }: { c: ConnectionView; disabled: boolean }) {
  const actions = destination(c.kind).setupActions ?? [];
  return <>{actions.map((a) => <SetupActionButton key={a.id} c={c} action={a} disabled={disabled} />)}</>;
}

function SetupActionButton({ c, action, disabled }: { c: ConnectionView; action: SetupAction; disabled: boolean }) {
  const stores = useStores();
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    const toast = stores.app.getState().toast;
    try {
      toast({ tone: 'success', text: (await stores.client.runSetupAction({ connectionId: c.id, action: action.id })).message });
      await stores.connections.getState().load();
    } catch (e) {
      toast({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return <Button busy={busy} disabled={disabled} title={action.summary} onClick={() => void run()}>{action.label}</Button>;
}
