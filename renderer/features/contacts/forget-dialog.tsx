import { useEffect, useState } from 'react';
import type { ForgetPlanView } from '../../../preload/schemas/duplicates';
import { errorMessage } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Spinner } from '../../ui/spinner';

/**
 * "Forget this person" (a data-protection request): says, CRM by CRM, what
 * will happen before anything does; there is no undo, so no toast offers one.
 */
export function ForgetDialog({ contactId, name, onClose }: { contactId: number; name: string; onClose: () => void }) {
  const stores = useStores();
  const [plan, setPlan] = useState<ForgetPlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    stores.client.forgetPlan({ id: contactId }).then(setPlan, (e: unknown) => setError(errorMessage(e)));
  }, [stores, contactId]);

  const forget = async (): Promise<void> => {
    setBusy(true);
    try {
      const record = await stores.client.forgetContact({ id: contactId });
      await stores.contacts.getState().select(null);
      await stores.contacts.getState().refresh();
      const left = record.crms.filter((c) => c.outcome !== 'erased');
      stores.app.getState().toast({
        tone: left.length === 0 ? 'success' : 'error',
        text: left.length === 0 ? `Forgotten everywhere (reference ${record.reference}).` : `Forgotten in Ferry. ${left.map((c) => `${c.crm}: ${c.message}`).join(' ')}`,
      });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog title={`Forget ${name}?`} confirmLabel="Forget this person" busy={busy || plan === null} onConfirm={() => void forget()} onCancel={onClose}>
      {error && <Banner tone="error" title="Could not forget this person">{error}</Banner>}
      <p>For a data-protection request. This cannot be undone:</p>
      <ul data-testid="forget-plan">
        <li>Ferry erases this contact and every line of its sync history for good.</li>
        {plan === null && !error && <li><Spinner label="Checking the CRMs…" /></li>}
        {plan?.crms.map((c) => <li key={c.crm}>{c.crm}: {c.action.replace(/\.$/, '')}.</li>)}
        {plan?.crms.length === 0 && <li>No connected CRM holds a record of this person.</li>}
      </ul>
      <p className="muted">Ferry keeps only a note that a person was forgotten (a random reference, the CRMs and the outcome), never who.</p>
    </ConfirmDialog>
  );
}
