import { z } from 'zod';

/** What the renderer may change. `seeded` is internal and never patchable. */
export const settingsPatchSchema = z.object({
  defaultPhoneRegion: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US or DE.').optional(),
  notifications: z.boolean().optional(),
  launchAtLogin: z.boolean().optional(),
  guideDismissed: z.boolean().optional(),
}).strict();
export type SettingsPatchInput = z.infer<typeof settingsPatchSchema>;

export interface SettingsView {
  defaultPhoneRegion: string;
  notifications: boolean;
  launchAtLogin: boolean;
  /** the first-run guide was closed */
  guideDismissed: boolean;
  /** where Ferry keeps its data (read-only here) */
  dataDir: string;
}

export interface AppInfo {
  version: string;
  /** desktop: inside Electron; web: the browser over the loopback web mode */
  host: 'desktop' | 'web' | 'cli';
  platform: string;
  dataDir: string;
  online: boolean;
}

export const setOnlineInputSchema = z.object({ online: z.boolean() }).strict();
