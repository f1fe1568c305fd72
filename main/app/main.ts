import { app, BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDataDir } from '../paths';
import { startRuntime, type Runtime } from '../runtime/index';
import { QuitGuard } from '../shell/quit-guard';
import { devToolsEnabled, isAllowedSignInUrl } from '../policy/window-policy';
import { KeychainVault } from '../secrets/keychain-vault';
import { utilityProcessLauncher } from './keychain-helper';
import { connectIpc } from './ipc';
import { showNativeNotifications } from './notifications';
import { followLoginItem, watchSystem } from './system-events';
import { createTray } from './tray';
import { createMainWindow, hardenSession, lockDown } from './window';

/**
 * Ferry's desktop shell: the only code that imports electron. Everything it
 * decides is in main/shell (tested in Node); this file wires it to Electron.
 */

const report = (error: unknown): void => {
  process.stderr.write(`ferry: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
};

/** Everything lives in this closure: no module-level mutable state. */
function runDesktop(): void {
  const root = app.getAppPath();
  const paths = {
    preload: path.join(root, 'dist-electron', 'preload.cjs'),
    indexHtml: path.join(root, 'dist', 'index.html'),
    icon: path.join(root, 'build', 'icon.png'),
    keychainHelper: path.join(root, 'dist-electron', 'keychain-helper.cjs'),
  };
  const appUrl = pathToFileURL(paths.indexHtml).toString();

  let runtime: Runtime | undefined;
  let win: BrowserWindow | null = null;
  const cleanups: (() => void)[] = [];

  const guard = new QuitGuard(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    // The engine finishes the batch in flight and records where it stopped.
    await runtime?.close();
  }, report);

  function openWindow(): void {
    if (!win || win.isDestroyed()) {
      win = createMainWindow(paths, appUrl, report, devToolsEnabled({ packaged: app.isPackaged, env: process.env }));
      // Closing the window keeps Ferry syncing in the tray; only Quit ends it.
      win.on('close', (event) => {
        if (!guard.quitting) {
          event.preventDefault();
          win?.hide();
        }
      });
      win.on('closed', () => { win = null; });
      return;
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  async function start(): Promise<void> {
    hardenSession();
    runtime = await startRuntime({
      dataDir: defaultDataDir(),
      host: 'desktop',
      version: app.getVersion(),
      // The keychain helper runs as an Electron utility process, not as Electron-run-as-Node (that fuse is off).
      vault: new KeychainVault({ launcher: utilityProcessLauncher(paths.keychainHelper) }),
      // "Connect with HubSpot / Salesforce" signs in in the user's own browser, never in a Ferry window;
      // the address passes the external-link allow-list here as well as in the runtime (defence in depth).
      openExternal: (url) => (isAllowedSignInUrl(url) ? shell.openExternal(url) : Promise.reject(new Error('Ferry will not open this sign-in address.'))),
      onError: report,
    });
    const { services } = runtime;
    cleanups.push(connectIpc(services, () => win, report));
    cleanups.push(showNativeNotifications(services, openWindow));
    cleanups.push(watchSystem(services));
    cleanups.push(followLoginItem(services));
    const tray = createTray({ services, iconDir: path.join(root, 'build'), openWindow, quit: () => app.quit(), onError: report });
    cleanups.push(() => tray.destroy());
    // Started at login: stay in the tray.
    if (!app.getLoginItemSettings().wasOpenedAsHidden) openWindow();
  }

  if (!app.requestSingleInstanceLock()) {
    // Another Ferry owns the data folder's scheduler and the tray: hand over and leave.
    app.quit();
  } else {
    app.on('second-instance', openWindow);
    app.on('web-contents-created', (_event, contents) => lockDown(contents, appUrl, report));
    app.on('window-all-closed', () => { /* stays in the tray */ });
    app.on('activate', openWindow);
    app.on('before-quit', (event) => {
      if (guard.onQuitRequested(() => app.quit())) event.preventDefault();
    });
    app.whenReady().then(start).catch((error: unknown) => {
      report(error);
      app.exit(1);
    });
  }
}

runDesktop();
