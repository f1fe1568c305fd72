import { useStore } from 'zustand';
import type { NotificationEvent } from '../../preload/contract';
import type { ConnectionView } from '../../preload/schemas/connection';
import { problemOf } from '../../preload/status/connection-sentences';
import { useStores } from '../store/stores';
import { Button } from '../ui/button';

/**
 * Whether a notification still describes something true: one about a
 * connection lasts only while that connection (as last loaded) still has a
 * problem, so a recovered CRM takes its banner with it.
 */
export function stillTrue(n: NotificationEvent, connections: readonly ConnectionView[] | null): boolean {
  if (n.connectionId === null || connections === null) return true;
  const c = connections.find((x) => x.id === n.connectionId);
  return c !== undefined && problemOf(c) !== null;
}

/**
 * Problems main announces (notification events), following the live status.
 * One problem shows as one banner; several collapse into one line that
 * names them, so the screen below is never pushed out of sight.
 */
export function Notifications() {
  const stores = useStores();
  const all = useStore(stores.app, (s) => s.notifications);
  const connections = useStore(stores.connections, (s) => s.connections);
  const dismiss = useStore(stores.app, (s) => s.dismiss);
  const navigate = useStore(stores.app, (s) => s.navigate);
  const screen = useStore(stores.app, (s) => s.screen);
  const items = all.filter((n) => stillTrue(n, connections));
  if (items.length === 0) return null;
  // The Integrations screen shows each problem on its card, with what to do.
  const open = screen !== 'integrations' && items.some((n) => n.connectionId !== null)
    ? <Button size="small" onClick={() => navigate('integrations')}>Open Integrations</Button>
    : null;
  const dismissAll = (): void => { for (const n of items) dismiss(n.key); };
  if (items.length === 1) {
    const n = items[0]!;
    return (
      <section className="notifications" aria-label="Notifications">
        <div className={`banner banner-compact banner-${n.level === 'info' ? 'info' : n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-testid="notification">
          <div className="banner-body"><span className="banner-title">{n.title}</span> <span>{n.body}</span></div>
          <div className="row">
            {open}
            <Button size="small" variant="ghost" aria-label={`Dismiss: ${n.title}`} onClick={dismissAll}>✕</Button>
          </div>
        </div>
      </section>
    );
  }
  const level = items.some((n) => n.level === 'error') ? 'error' : 'warning';
  return (
    <section className="notifications" aria-label="Notifications">
      <div className={`banner banner-compact banner-${level}`} role="alert" data-testid="notification">
        <div className="banner-body">
          <span className="banner-title">{items.length} problems need attention:</span> <span>{items.map((n) => n.title).join('; ')}.</span>
        </div>
        <div className="row">
          {open}
          <Button size="small" variant="ghost" aria-label="Dismiss these notifications" onClick={dismissAll}>✕</Button>
        </div>
      </div>
    </section>
  );
}
