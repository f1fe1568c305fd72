import { useState } from 'react';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { errorMessage } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Button } from '../../ui/button';

/** Zapier "Test" and webhook "Send test event": one event that carries no contact; the answer is a toast. */
export function DeliveryTestButton({ c, disabled }: { c: ConnectionView; disabled: boolean }) {
  const stores = useStores();
  const [busy, setBusy] = useState(false);
  const send = async (): Promise<void> => {
    setBusy(true);
    const toast = stores.app.getState().toast;
    try {
      toast({ tone: 'success', text: (await stores.client.testDelivery({ connectionId: c.id })).message });
    } catch (e) {
      toast({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return <Button busy={busy} disabled={disabled} onClick={() => void send()}>{c.kind === 'zapier' ? 'Test' : 'Send test event'}</Button>;
}
