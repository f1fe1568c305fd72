import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { ConfigImportReport } from '../../preload/schemas/config-transfer';
import type { AppInfo, SettingsPatchInput, SettingsView } from '../../preload/schemas/settings';
import { errorMessage } from '../lib/format';

export interface SettingsState {
  settings: SettingsView | null;
  info: AppInfo | null;
  loadError: string | null;
  saveError: string | null;
  saving: boolean;
  load(): Promise<void>;
  update(patch: SettingsPatchInput): Promise<boolean>;
  exportConfig(): Promise<{ fileName: string; json: string }>;
  importConfig(json: string): Promise<ConfigImportReport>;
}

export function createSettingsStore(client: FerryClient) {
  return createStore<SettingsState>()((set, get) => ({
    settings: null,
    info: null,
    loadError: null,
    saveError: null,
    saving: false,
    async load() {
      try {
        const [settings, info] = await Promise.all([client.getSettings(), client.getAppInfo()]);
        set({ settings, info, loadError: null });
      } catch (error) {
        set({ loadError: errorMessage(error) });
      }
    },
    async update(patch) {
      set({ saving: true, saveError: null });
      try {
        set({ settings: await client.updateSettings(patch), saving: false });
        return true;
      } catch (error) {
        set({ saveError: errorMessage(error), saving: false });
        return false;
      } finally {
        if (get().saving) set({ saving: false });
      }
    },
    exportConfig: () => client.exportConfig(),
    importConfig: (json) => client.importConfig({ json }),
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
