import { useState } from 'react';
import { useStore } from 'zustand';
import { errorMessage, plural } from '../lib/format';
import { destinationNames } from '../lib/kinds';
import { useStores } from '../store/stores';
import { Button } from '../ui/button';

/**
 * The first-run guide on the Integrations screen: what the demo contacts are,
 * sandbox versus a real CRM, manual versus automatic, and one button that
 * connects the HubSpot sandbox and syncs, so a first successful sync is one
 * click away. Closing it is remembered in the settings.
 */
export function OnboardingGuide() {
  const stores = useStores();
  const settings = useStore(stores.settings, (s) => s.settings);
  const connections = useStore(stores.connections, (s) => s.connections);
  const demoCount = useStore(stores.contacts, (s) => s.demoCount);
  const [busy, setBusy] = useState(false);
  if (!settings || settings.guideDismissed || connections === null) return null;
  const hasHubSpot = connections.some((c) => c.kind === 'hubspot');
  const close = (): void => { void stores.settings.getState().update({ guideDismissed: true }); };

  const trySandbox = async (): Promise<void> => {
    setBusy(true);
    const toast = stores.app.getState().toast;
    try {
      const c = await stores.connections.getState().connect({ kind: 'hubspot', sandbox: true, mode: 'manual' });
      await stores.connections.getState().run(c.id, 'syncNow');
      const run = stores.connections.getState().lastRun[c.id];
      const sent = run ? run.created + run.updated : 0;
      toast({ tone: 'success', text: `Your first sync: ${plural(sent, 'contact')} sent to the HubSpot Sandbox.` });
    } catch (e) {
      toast({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="guide card" aria-labelledby="guide-title" data-testid="onboarding-guide">
      <div className="guide-head">
        <h2 id="guide-title">Welcome to Ferry</h2>
        <Button size="small" variant="ghost" onClick={close}>Close the guide</Button>
      </div>
      <ol className="guide-steps">
        <li>
          <strong>Your contacts stay on this computer</strong> and Ferry sends every change to the CRMs you connect.
          {demoCount > 0 && ` The ${plural(demoCount, 'contact')} marked Demo are made-up people to try it with; they only ever go to sandboxes, and Contacts → Remove demo contacts clears them.`}
        </li>
        <li>
          <strong>A sandbox</strong> is a stand-in for {destinationNames('with-sandbox')} that runs on this computer: no account, nothing leaves your machine.
          Connect the real CRM when you are ready (Add integration).
        </li>
        <li>
          <strong>Manual</strong> sends when you press Sync now; <strong>Automatic</strong> sends each change within seconds; <strong>Scheduled</strong> every few minutes. You can change it on each card.
        </li>
      </ol>
      <div className="row">
        {!hasHubSpot && <Button variant="primary" busy={busy} onClick={() => void trySandbox()}>Try it: connect the HubSpot sandbox and sync</Button>}
        <Button onClick={close}>{hasHubSpot ? 'Done' : 'Not now'}</Button>
      </div>
    </section>
  );
}
