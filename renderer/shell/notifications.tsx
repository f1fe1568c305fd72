import { useStore } from 'zustand';
import { Button } from '../ui/button';
import { useStores } from '../store/stores';

/** Problems main announces once each (notification events), with a way to dismiss them. */
export function Notifications() {
  const stores = useStores();
  const items = useStore(stores.app, (s) => s.notifications);
  const dismiss = useStore(stores.app, (s) => s.dismiss);
  const navigate = useStore(stores.app, (s) => s.navigate);
  return (
    <section className="notifications" aria-live="polite" aria-label="Notifications">
      {items.map((n) => (
        <div key={n.key} className={`banner banner-${n.level === 'info' ? 'info' : n.level}`} data-testid="notification">
          <div className="banner-body">
            <div className="banner-title">{n.title}</div>
            <div>{n.body}</div>
          </div>
          <div className="row">
            {n.connectionId !== null && <Button size="small" onClick={() => { navigate('integrations'); dismiss(n.key); }}>Open Integrations</Button>}
            <Button size="small" variant="ghost" aria-label={`Dismiss: ${n.title}`} onClick={() => dismiss(n.key)}>✕</Button>
          </div>
        </div>
      ))}
    </section>
  );
}
