import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy, decideNavigation, decideWindowOpen } from '../policy/window-policy';

export interface WindowPaths {
  preload: string;
  indexHtml: string;
  icon: string;
}

/** Sends allow-listed links to the system browser; reports a refusal from the OS. */
function openExternal(url: string, onError: (error: unknown) => void): void {
  shell.openExternal(url).catch(onError);
}

/**
 * Applies the window policy to any web contents: navigation only within the
 * app's own document, no new windows (allow-listed links go to the system
 * browser), no webviews, no permission prompts.
 */
export function lockDown(contents: WebContents, appUrl: string, onError: (error: unknown) => void): void {
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, appUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternal(url, onError);
  });
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url, appUrl) !== 'allow') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') openExternal(url, onError);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide: the CSP header on every response, and every permission request refused. */
export function hardenSession(): void {
  const csp = contentSecurityPolicy();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(paths: WindowPaths, appUrl: string, onError: (error: unknown) => void, devTools: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Ferry',
    icon: paths.icon,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      // off in packaged builds unless FERRY_DEBUG=1 (main/shell/window-policy.ts devToolsEnabled)
      devTools,
    },
  });
  lockDown(win.webContents, appUrl, onError);
  win.once('ready-to-show', () => win.show());
  win.loadURL(appUrl).catch(onError);
  return win;
}
