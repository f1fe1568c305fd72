import { seedDemoContacts } from '../../main/store/demo-seed';
import type { Db } from '../../main/store/db';

/**
 * Realistic generated contacts that stand for a rep's own list: the demo
 * generator's people, but not marked 'demo', so they may reach any connection
 * (demo contacts go to sandbox connections only).
 */
export function seedSampleContacts(db: Db, cardId: number, count: number, region = 'US'): number {
  return seedDemoContacts(db, cardId, count, region, Date.now(), 'sample');
}
