import { defaultCard } from '../store/cards';
import type { Db } from '../store/db';
import { getSettings, updateSettings } from '../store/settings';

const DEMO_CONTACT_COUNT = 50;

export type DemoSeeder = (db: Db, cardId: number, count: number, region: string, now?: number) => number;

/**
 * First launch: a card with demo contacts so a new user sees Ferry working
 * before connecting anything (the Sandbox connections are offered by
 * listSandboxes). Runs once per data folder: `seeded` is set in the same
 * breath, and the seeder itself skips contacts that already exist, so two
 * processes racing here never duplicate the demo.
 */
export function ensureFirstRun(db: Db, seed: DemoSeeder, now: number, count = DEMO_CONTACT_COUNT): { seeded: boolean; cardId: number } {
  const settings = getSettings(db);
  const card = defaultCard(db);
  if (settings.seeded) return { seeded: false, cardId: card.id };
  seed(db, card.id, count, settings.defaultPhoneRegion, now);
  updateSettings(db, { seeded: true });
  return { seeded: true, cardId: card.id };
}
