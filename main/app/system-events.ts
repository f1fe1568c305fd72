import { app, net, powerMonitor } from 'electron';
import type { Services } from '../services/index';

const ONLINE_POLL_MS = 10_000;

/**
 * Feeds the engine what only Electron knows: network reachability (polled;
 * the window also reports navigator.onLine through setOnline) and sleep /
 * wake (a laptop lid closes in the middle of a run: offline until resume).
 */
export function watchSystem(services: Services): () => void {
  const setOnline = (online: boolean): void => { services.settings.setOnline({ online }); };
  const poll = setInterval(() => setOnline(net.isOnline()), ONLINE_POLL_MS);
  poll.unref();
  const onSuspend = (): void => setOnline(false);
  const onResume = (): void => setOnline(net.isOnline());
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  setOnline(net.isOnline());
  return () => {
    clearInterval(poll);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
  };
}

/** Launch at login follows the setting (macOS and Windows; Linux desktops have no API for it in Electron). */
export function followLoginItem(services: Services): () => void {
  const apply = (openAtLogin: boolean): void => {
    if (process.platform === 'darwin' || process.platform === 'win32') app.setLoginItemSettings({ openAtLogin, openAsHidden: true });
  };
  apply(services.settings.current().launchAtLogin);
  return services.settings.onChange((s) => apply(s.launchAtLogin));
}
