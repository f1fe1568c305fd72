import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { errorMessage } from '../../lib/format';
import { destinationNames } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { OnboardingGuide } from '../../shell/onboarding-guide';
import { AddIntegrationDialog } from './add-integration-dialog';
import { ConnectionCard } from './connection-card';
import { OverallSummary } from './overall-summary';
import { PolicyBanner } from './policy-banner';
import './integrations.css';

/** The product's face: is my data reaching the CRM, and if not, what do I do? */
export function IntegrationsScreen() {
  const stores = useStores();
  const connections = useStore(stores.connections, (s) => s.connections);
  const loadError = useStore(stores.connections, (s) => s.loadError);
  const [adding, setAdding] = useState(false);
  const [syncingAll, setSyncingAll] = useState(false);
  const runnable = (connections ?? []).filter((c) => c.status !== 'paused' && c.status !== 'needs_reauth' && c.status !== 'disconnected');
  const syncAll = async (): Promise<void> => {
    setSyncingAll(true);
    try {
      stores.app.getState().toast({ tone: 'success', text: await stores.connections.getState().syncAll() });
    } catch (e) {
      stores.app.getState().toast({ tone: 'error', text: errorMessage(e) });
    } finally {
      setSyncingAll(false);
    }
  };

  useEffect(() => { void stores.connections.getState().load(); }, [stores]);

  return (
    <section className="integrations-screen" aria-labelledby="integrations-title">
      <div className="screen-head">
        <div>
          <h1 id="integrations-title">Integrations</h1>
          <p>Where your contacts go, and whether they got there.</p>
        </div>
        <span className="spacer" />
        {runnable.length > 1 && <Button busy={syncingAll} onClick={() => void syncAll()}>Sync all now</Button>}
        <Button variant="primary" onClick={() => setAdding(true)}>Add integration</Button>
      </div>
      <PolicyBanner />
      <OnboardingGuide />
      {loadError && <Banner tone="error" title="Ferry could not list your integrations" actions={<Button size="small" onClick={() => void stores.connections.getState().load()}>Try again</Button>}>{loadError}</Banner>}
      {connections === null && !loadError && <div className="connection-skeleton card" aria-busy="true" aria-label="Loading integrations" />}
      {connections !== null && connections.length === 0 && (
        <div className="card">
          <EmptyState title="No integrations yet" action={<Button variant="primary" onClick={() => setAdding(true)}>Add integration</Button>}>
            Connect {destinationNames()} — or try a sandbox first. Your contacts stay on this computer until you do.
          </EmptyState>
        </div>
      )}
      {connections !== null && connections.length > 0 && (
        <div className="stack">
          <OverallSummary connections={connections} />
          {connections.map((c) => <ConnectionCard key={c.id} c={c} />)}
        </div>
      )}
      {adding && <AddIntegrationDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
