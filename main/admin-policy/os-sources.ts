import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PolicySourceKind } from '../../preload/schemas/policy';

/**
 * Where an operating system keeps an admin's settings for an app, and how to
 * read them. Each reader answers "nothing there" (no policy), or the policy's
 * JSON text, or a reason it could not be read (which locks everything).
 *
 * - Linux: a file, /etc/ferry/policy.json (root-owned, so a rep cannot change it).
 * - macOS: a configuration profile an MDM installs lands in
 *   /Library/Managed Preferences/app.ferry.desktop.plist (the app's bundle id,
 *   electron-builder.yml); its keys are the policy's keys. It is read with
 *   `plutil -convert json`, which every macOS has.
 * - Windows: Group Policy or Intune writes HKLM\Software\Policies\Ferry; the value
 *   `Policy` (REG_SZ) holds the policy's JSON. It is read with `reg query`.
 * FERRY_POLICY_FILE names a JSON file instead, on any system (tests, or an admin
 * who prefers a file).
 */
export const LINUX_POLICY_FILE = '/etc/ferry/policy.json';
export const MACOS_MANAGED_PREFERENCES = '/Library/Managed Preferences/app.ferry.desktop.plist';
export const WINDOWS_POLICY_KEY = 'HKLM\\Software\\Policies\\Ferry';
const WINDOWS_POLICY_VALUE = 'Policy';

type OsRead =
  | { found: false }
  | { found: true; text: string }
  | { found: true; problem: string };

export interface OsPolicySource {
  kind: Exclude<PolicySourceKind, 'none' | 'imported'>;
  location: string;
  /** synchronous: guards ask on every change a rep makes; the store caches it (policy-store.ts) */
  read(): OsRead;
  /** a cheap token that changes when the source may have changed (a file's mtime), or null to re-read every time */
  stamp(): string | null;
}

function fileSource(location: string): OsPolicySource {
  return {
    kind: 'file',
    location,
    stamp: () => {
      try {
        const s = fs.statSync(location);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return 'absent';
      }
    },
    read: () => {
      try {
        return { found: true, text: fs.readFileSync(location, 'utf8') };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return { found: false };
        return { found: true, problem: `Ferry cannot read it (${code ?? 'unknown error'})` };
      }
    },
  };
}

/** `plutil -convert json -o - file` prints the plist as JSON; a missing file is no policy. */
function managedPreferencesSource(location: string): OsPolicySource {
  return {
    kind: 'managed-preferences',
    location,
    stamp: () => {
      try {
        return String(fs.statSync(location).mtimeMs);
      } catch {
        return 'absent';
      }
    },
    read: () => {
      if (!fs.existsSync(location)) return { found: false };
      try {
        const stdout = execFileSync('/usr/bin/plutil', ['-convert', 'json', '-o', '-', location], { timeout: 10_000, encoding: 'utf8' });
        return { found: true, text: managedPreferencesJson(stdout) };
      } catch (error) {
        return { found: true, problem: `plutil could not read it (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
      }
    },
  };
}

/**
 * A configuration profile's payload may carry the policy as its keys, or (for
 * MDMs that only pass strings) as one string value `Policy` holding the JSON.
 */
export function managedPreferencesJson(plutilJson: string): string {
  const parsed: unknown = JSON.parse(plutilJson);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const policy = (parsed as Record<string, unknown>)[WINDOWS_POLICY_VALUE];
    if (Object.keys(parsed).length === 1 && typeof policy === 'string') return policy;
  }
  return plutilJson;
}

type RegistryRead = { found: false } | { found: true; value: string } | { found: true; problem: string };

/**
 * Reads `reg query <key> /v Policy` output. The key or value missing is no
 * policy (reg prints "ERROR: The system was unable to find the specified
 * registry key or value." and exits 1); a value of another type than REG_SZ or
 * REG_EXPAND_SZ is a problem, not a policy.
 */
export function parseRegQuery(stdout: string, exitCode: number): RegistryRead {
  if (exitCode !== 0 || /^ERROR:/m.test(stdout)) return { found: false };
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s+(\S+)\s{2,}(REG_[A-Z_]+)\s{2,}(.*)$/.exec(line) ?? /^\s+(\S+)\s{2,}(REG_[A-Z_]+)\s*$/.exec(line);
    if (!m || m[1]!.toLowerCase() !== WINDOWS_POLICY_VALUE.toLowerCase()) continue;
    if (m[2] !== 'REG_SZ' && m[2] !== 'REG_EXPAND_SZ') return { found: true, problem: `the value ${WINDOWS_POLICY_VALUE} is ${m[2]}, not a string (REG_SZ) holding the policy's JSON` };
    return { found: true, value: m[3] ?? '' };
  }
  return { found: false };
}

function registrySource(): OsPolicySource {
  return {
    kind: 'registry',
    location: `${WINDOWS_POLICY_KEY}\\${WINDOWS_POLICY_VALUE}`,
    stamp: () => null,
    read: () => {
      let stdout = '';
      let code = 0;
      try {
        stdout = execFileSync('reg', ['query', WINDOWS_POLICY_KEY, '/v', WINDOWS_POLICY_VALUE], { timeout: 10_000, windowsHide: true, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        const failure = error as { status?: number | null; stdout?: string; code?: string };
        if (typeof failure.status !== 'number') return { found: true, problem: `reg query did not run (${failure.code ?? 'unknown error'})` };
        code = failure.status;
        stdout = String(failure.stdout ?? '');
      }
      const read = parseRegQuery(stdout, code);
      if (!read.found) return { found: false };
      return 'problem' in read ? read : { found: true, text: read.value };
    },
  };
}

/**
 * The policy location of this system, or of FERRY_POLICY_FILE when set.
 * `root` is the file system the Linux and macOS locations are read under: `/`
 * on every machine; a test passes a folder of its own so that the real
 * location's code path runs without writing to /etc (other processes on the
 * machine would obey a policy left there). The registry has no root.
 */
export function osPolicySource(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, root = '/'): OsPolicySource {
  if (env.FERRY_POLICY_FILE) return fileSource(env.FERRY_POLICY_FILE);
  if (platform === 'darwin') return managedPreferencesSource(underRoot(root, MACOS_MANAGED_PREFERENCES));
  if (platform === 'win32') return registrySource();
  return fileSource(underRoot(root, LINUX_POLICY_FILE));
}

function underRoot(root: string, location: string): string {
  return root === '/' ? location : path.join(root, location);
}
