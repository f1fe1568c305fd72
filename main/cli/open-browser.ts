import { spawn } from 'node:child_process';
import type { Output } from './context';

/** Opens the address in the default browser when there is a screen to show it on; never fatal. */
export function openBrowser(url: string, out: Output, env: NodeJS.ProcessEnv = process.env, platform = process.platform): void {
  let command: [string, string[]] | undefined;
  if (platform === 'darwin') command = ['open', [url]];
  else if (platform === 'win32') command = ['cmd', ['/c', 'start', '""', url]];
  else if (env.DISPLAY || env.WAYLAND_DISPLAY) command = ['xdg-open', [url]];
  if (!command) {
    out.warn('No display found, so no browser was opened: open the address above in a browser.');
    return;
  }
  const child = spawn(command[0], command[1], { detached: true, stdio: 'ignore', windowsHide: true });
  child.on('error', (error) => out.warn(`Could not open a browser (${error.message}); open the address above yourself.`));
  child.unref();
}
