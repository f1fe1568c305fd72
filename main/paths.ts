import os from 'node:os';
import path from 'node:path';

const APP_NAME = 'Ferry';

/**
 * The folder the desktop app keeps its data in; the CLI defaults to the same one
 * so both see the same contacts. Mirrors Electron's app.getPath('userData').
 * FERRY_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FERRY_DATA_DIR) return path.resolve(env.FERRY_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}
