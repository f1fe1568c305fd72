import { Notification } from 'electron';
import type { Services } from '../services/index';

/**
 * Shows the attention monitor's notifications (already once per problem) as
 * native notifications, when the user has them on. A click opens Ferry.
 */
export function showNativeNotifications(services: Services, openWindow: () => void): () => void {
  return services.events.subscribe((m) => {
    if (m.event !== 'notification') return;
    if (!services.settings.current().notifications || !Notification.isSupported()) return;
    const n = new Notification({ title: m.payload.title, body: m.payload.body, urgency: m.payload.level === 'error' ? 'critical' : 'normal' });
    n.on('click', openWindow);
    n.show();
  });
}
