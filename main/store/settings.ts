import { z } from 'zod';
import type { Db } from './db';
import { DEFAULT_ALLOCATION_STOP_PERCENT } from '../sync/allocation';

const settingsSchema = z.object({
  defaultPhoneRegion: z.string().regex(/^[A-Z]{2}$/).default('US'),
  notifications: z.boolean().default(true),
  launchAtLogin: z.boolean().default(false),
  /**
   * headroom of the org's daily API allocation: automatic and scheduled pushes
   * stop once the org has used this share of it (sync/allocation.ts)
   */
  allocationStopPercent: z.number().int().min(1).max(100).default(DEFAULT_ALLOCATION_STOP_PERCENT),
  /** the rep closed the first-run guide on the Integrations screen */
  guideDismissed: z.boolean().default(false),
  /** set once the first-run demo card has been created */
  seeded: z.boolean().default(false),
}).strict();

export type Settings = z.output<typeof settingsSchema>;
type SettingsPatch = Partial<Settings>;

export function getSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    if (row.key in settingsSchema.shape) raw[row.key] = JSON.parse(row.value);
  }
  const parsed = settingsSchema.safeParse(raw);
  // A value written by another version that no longer validates falls back to defaults.
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export function updateSettings(db: Db, patch: SettingsPatch): Settings {
  const next = settingsSchema.parse({ ...getSettings(db), ...patch });
  const upsert = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(next[key as keyof Settings]));
    }
  })();
  return next;
}

/**
 * Small values other modules keep in the settings table under their own keys
 * (the import remembers a column mapping per header, "import.mapping.<hash>").
 * getSettings ignores these keys; the value is any JSON, parsed by its owner.
 */
export function readSettingValue(db: Db, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined; // written by something else: the owner treats it as absent
  }
}

/** Stores `value` under `key` unless a value is there already, and returns the one stored (first writer wins, across processes). */
export function settleSettingValue(db: Db, key: string, value: unknown): unknown {
  if (key in settingsSchema.shape) throw new Error(`"${key}" is one of Ferry's settings; change it with updateSettings.`);
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING').run(key, JSON.stringify(value));
  return readSettingValue(db, key);
}

export function writeSettingValue(db: Db, key: string, value: unknown): void {
  if (key in settingsSchema.shape) throw new Error(`"${key}" is one of Ferry's settings; change it with updateSettings.`);
  if (value === undefined) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
