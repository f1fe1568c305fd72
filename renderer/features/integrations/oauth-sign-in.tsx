import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { OAuthKind } from '../../../preload/schemas/oauth';
import { errorMessage } from '../../lib/format';
import { KIND_NAMES } from '../../lib/kinds';
import { destination } from '../../../destinations/index';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

export interface OAuthSignInProps {
  kind: OAuthKind;
  /** the button's words, e.g. "Connect with HubSpot" */
  action: string;
  /** starts the sign-in in main; resolves when the connection works */
  start: () => Promise<unknown>;
  onDone: () => void;
}

type Phase = { step: 'idle' } | { step: 'waiting'; url: string | null };

/**
 * A sign-in in the user's own browser. Main sends the authorize address as
 * oauthUrl: the desktop app has already opened it in the system browser; the
 * web mode opens it here in a new tab. Either way a link stays on screen in
 * case no window appeared. Leaving (closing the dialog) cancels the sign-in.
 */
export function OAuthSignIn({ kind, action, start, onDone }: OAuthSignInProps) {
  const stores = useStores();
  const provider = useStore(stores.connections, (s) => s.oauthProviders.find((p) => p.kind === kind));
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const waiting = useRef(false);
  const cancelled = useRef(false);
  const crm = KIND_NAMES[kind];
  // what the sign-in cannot learn by itself (Dynamics 365's organisation address): the rep fills it in first
  const asked = destination(kind).credentials.filter((f) => destination(kind).oauth?.askWithSignIn?.includes(f.key)).map((f) => `${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}`);

  useEffect(() => { void stores.connections.getState().loadOAuthProviders(); }, [stores]);
  // A sign-in still waiting when the dialog closes must not linger in main.
  useEffect(() => () => { if (waiting.current) void stores.client.cancelOAuthConnect().catch(() => undefined); }, [stores]);

  if (!provider) return null;
  if (!provider.configured) return <p className="muted" data-testid="oauth-unavailable">{provider.problem}</p>;

  const run = async (): Promise<void> => {
    setError(null);
    cancelled.current = false;
    waiting.current = true;
    setPhase({ step: 'waiting', url: null });
    const off = stores.client.on('oauthUrl', (e) => {
      if (e.kind !== kind || !waiting.current) return;
      setPhase({ step: 'waiting', url: e.url });
      if (!e.opened) window.open(e.url, '_blank', 'noopener,noreferrer');
    });
    try {
      await start();
      waiting.current = false;
      onDone();
    } catch (e) {
      waiting.current = false;
      if (!cancelled.current) setError(errorMessage(e));
      setPhase({ step: 'idle' });
    } finally {
      off();
    }
  };

  const cancel = (): void => {
    cancelled.current = true;
    void stores.client.cancelOAuthConnect().catch(() => undefined);
  };

  return (
    <div className="oauth-sign-in stack" data-testid="oauth-sign-in">
      {phase.step === 'idle' ? (
        <div className="row">
          <Button variant="primary" onClick={() => void run()}>{action}</Button>
          <span className="muted" data-testid="oauth-hint">{asked.length > 0 ? `Fill in the ${asked.join(' and ')} below, then sign` : 'Sign'} in with your {crm} account in your browser. Ferry keeps the tokens in your system keychain.</span>
        </div>
      ) : (
        <div className="row" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <span data-testid="oauth-waiting">Waiting for you to finish signing in to {crm} in your browser…</span>
          {phase.url && <a href={phase.url} target="_blank" rel="noopener noreferrer">Open the {crm} sign-in page</a>}
          <Button size="small" onClick={cancel}>Cancel sign-in</Button>
        </div>
      )}
      {error && <Banner tone="error" title={`Could not connect ${crm}`}>{error}</Banner>}
    </div>
  );
}
