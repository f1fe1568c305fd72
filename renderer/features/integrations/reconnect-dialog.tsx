import { useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { errorMessage } from '../../lib/format';
import { KIND_NAMES } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { ErrorBanner } from '../../ui/error-banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { credentialErrors, EMPTY_CREDENTIALS, toConnectPart } from './credentials';
import { CredentialsFields } from './credentials-fields';
import { OAuthSignIn } from './oauth-sign-in';

/** New credentials for a real CRM after "needs reauthorization"; the outbox drains once they work. */
export function ReconnectDialog({ c, onClose }: { c: ConnectionView; onClose: () => void }) {
  const stores = useStores();
  const load = useStore(stores.connections, (s) => s.load);
  const [value, setValue] = useState({ ...EMPTY_CREDENTIALS, instanceUrl: c.config.baseUrl ?? '', webhookUrl: c.config.baseUrl ?? '' });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errors = tried ? credentialErrors(c.kind, value) : {};

  // A connection made with the browser sign-in renews its tokens the same way.
  if (c.config.auth === 'oauth' && (c.kind === 'hubspot' || c.kind === 'salesforce')) {
    const kind = c.kind;
    return (
      <Dialog title={`Reconnect ${c.label}`} onClose={onClose} footer={<Button onClick={onClose}>Cancel</Button>}>
        <div className="stack">
          <p>Sign in to {KIND_NAMES[kind]} again. Changes waiting to be sent are kept and go out once {KIND_NAMES[kind]} accepts Ferry again.</p>
          <OAuthSignIn kind={kind} action={`Sign in again with ${KIND_NAMES[kind]}`} start={async () => { await stores.connections.getState().reconnectOAuth(c.id); await load(); }} onDone={onClose} />
        </div>
      </Dialog>
    );
  }

  const submit = async (): Promise<void> => {
    setTried(true);
    if (!c.sandbox && Object.keys(credentialErrors(c.kind, value)).length) return;
    setBusy(true);
    setError(null);
    try {
      await stores.client.reconnect({ connectionId: c.id, ...(c.sandbox ? {} : { secrets: toConnectPart(c.kind, value).secrets }) });
      await load();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Reconnect ${c.label}`} onClose={onClose} footer={<><Button onClick={onClose}>Cancel</Button><Button variant="primary" busy={busy} onClick={() => void submit()}>Reconnect</Button></>}>
      <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {c.sandbox
          ? <p>Ferry sends a test event to the sandbox first, and reconnects only if it arrives.</p>
          : <p>Enter new {KIND_NAMES[c.kind]} credentials. {c.hasSecret ? 'They replace the stored ones once they work.' : 'Ferry has no credentials stored for this connection.'}{c.kind === 'zapier' || c.kind === 'webhook' ? ' Ferry sends a test event first, and keeps them only if it arrives.' : ''}</p>}
        {!c.sandbox && <CredentialsFields kind={c.kind} value={value} onChange={setValue} errors={errors} />}
        {error && <ErrorBanner title="Could not reconnect">{error}</ErrorBanner>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
