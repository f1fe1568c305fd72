import { z } from 'zod';

/** What the renderer may change. `seeded` is internal and never patchable. */
export const settingsPatchSchema = z.object({
  defaultPhoneRegion: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US or DE.').optional(),
  notifications: z.boolean().optional(),
  launchAtLogin: z.boolean().optional(),
  /** automatic and scheduled pushes stop once the org has used this share of its daily API allocation */
  allocationStopPercent: z.number().int().min(1).max(100).optional(),
  guideDismissed: z.boolean().optional(),
}).strict();
export type SettingsPatchInput = z.infer<typeof settingsPatchSchema>;

export interface SettingsView {
  defaultPhoneRegion: string;
  notifications: boolean;
  launchAtLogin: boolean;
  allocationStopPercent: number;
  /** true when the admin's policy sets the headroom (shown with a lock) */
  allocationLocked: boolean;
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
