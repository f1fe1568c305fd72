import { useEffect, useState } from 'react';
import { ferry } from './bridge';

type Load = { state: 'loading' } | { state: 'ready'; total: number } | { state: 'error'; message: string };

/**
 * A placeholder screen that proves the bridge end to end: it shows how many
 * contacts Ferry holds and refreshes when they change. The real screens
 * (features/…) replace it.
 */
export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    const refresh = (): void => {
      ferry().listContacts({ limit: 1 }).then(
        (page) => { if (live) setLoad({ state: 'ready', total: page.total }); },
        (error: unknown) => { if (live) setLoad({ state: 'error', message: error instanceof Error ? error.message : String(error) }); },
      );
    };
    refresh();
    const off = ferry().on('contactChanged', refresh);
    return () => { live = false; off(); };
  }, []);

  return (
    <main>
      <h1>Ferry</h1>
      {load.state === 'loading' && <p role="status">Loading your contacts…</p>}
      {load.state === 'ready' && <p role="status" data-testid="contact-count">{load.total} contacts</p>}
      {load.state === 'error' && <p role="alert">{load.message}</p>}
    </main>
  );
}
