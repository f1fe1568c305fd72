import type { ParsedInput } from '../../preload/contract';
import type { AppInfo, SettingsView } from '../../preload/schemas/settings';
import type { Db } from '../store/db';
import { getSettings, updateSettings, type Settings } from '../store/settings';
import type { SyncService } from '../sync/service-api';
import { allocationLocked, checkAllocation, type PolicyPort } from '../admin-policy/index';

interface SettingsServiceDeps {
  db: Db;
  dataDir: string;
  sync: SyncService;
  host: AppInfo['host'];
  version: string;
  platform: string;
  /** the admin's policy may lock the allocation's headroom */
  policy: PolicyPort;
}

type SettingsListener = (settings: Settings) => void;

/**
 * Settings and the host's facts. A settings change is announced to the host
 * (launch at login lives in Electron, not in SQLite alone).
 */
export function createSettingsService(deps: SettingsServiceDeps) {
  const { db, dataDir, sync } = deps;
  const listeners = new Set<SettingsListener>();
  /** assume online until a host says otherwise; the engine's own probe still applies */
  let online = true;

  const toView = (s: Settings): SettingsView => ({
    defaultPhoneRegion: s.defaultPhoneRegion,
    notifications: s.notifications,
    launchAtLogin: s.launchAtLogin,
    allocationStopPercent: s.allocationStopPercent,
    allocationLocked: allocationLocked(deps.policy.current()),
    guideDismissed: s.guideDismissed,
    dataDir,
  });

  return {
    get(): SettingsView {
      return toView(getSettings(db));
    },
    /** the full settings, for main-side hosts (notifications toggle, login item) */
    current(): Settings {
      return getSettings(db);
    },
    update(input: ParsedInput<'updateSettings'>): SettingsView {
      if (input.allocationStopPercent !== undefined && input.allocationStopPercent !== getSettings(db).allocationStopPercent) checkAllocation(deps.policy.current());
      const next = updateSettings(db, input);
      for (const listener of [...listeners]) listener(next);
      return toView(next);
    },
    onChange(listener: SettingsListener): () => void {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    appInfo(): AppInfo {
      return { version: deps.version, host: deps.host, platform: deps.platform, dataDir, online };
    },
    setOnline(input: ParsedInput<'setOnline'>): null {
      if (input.online !== online) {
        online = input.online;
        sync.setOnline(online);
      }
      return null;
    },
  };
}

