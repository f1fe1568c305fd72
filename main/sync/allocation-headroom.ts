import { getConnection, updateConnection, type Connection } from '../store/connections';
import type { Db } from '../store/db';
import { getSettings } from '../store/settings';
import { ALLOCATION_RECHECK_MS, allocationHoldSentence, allocationWarning, overHeadroom, type AllocationReading } from './allocation';
import type { Clock } from '../clock';

/** A reading past the headroom, with what to say and when to look again. */
interface PastHeadroom {
  reading: AllocationReading;
  /** when the scheduler may send one batch again to see whether the org has room */
  recheckAt: number;
  holdSentence(crmName: string): string;
  warning(crmName: string): string;
}

/**
 * The engine's view of each connection's daily allocation (sync/allocation.ts):
 * the latest reading of this process, saved with the connection after each run
 * and prepare so that other processes, the card and `ferry status` see it too.
 * The headroom is the `allocationStopPercent` setting (an admin's policy may
 * lock it), read at each decision.
 */
export class AllocationHeadroom {
  private readonly latest = new Map<number, AllocationReading>();

  constructor(private readonly db: Db, private readonly clock: Clock) {}

  note(connectionId: number, quota: { used: number; limit: number }): void {
    this.latest.set(connectionId, { used: quota.used, limit: quota.limit, at: this.clock.now() });
  }

  forget(connectionId: number): void {
    this.latest.delete(connectionId);
  }

  save(connectionId: number): void {
    const reading = this.latest.get(connectionId);
    if (!reading) return;
    const current = getConnection(this.db, connectionId);
    const saved = current?.config.allocation;
    if (!current || (saved && saved.at === reading.at && saved.used === reading.used && saved.limit === reading.limit)) return;
    updateConnection(this.db, connectionId, { config: { ...current.config, allocation: reading } }, this.clock.now());
  }

  /** This process's latest reading, taken at or after `since`, when it is past the line (during and right after a run). */
  past(connectionId: number, since = -Infinity): PastHeadroom | null {
    const reading = this.latest.get(connectionId);
    return reading && reading.at >= since ? this.pastOf(reading) : null;
  }

  /**
   * Before an automatic or scheduled push: past the line, as last stated by this
   * process or any other less than ALLOCATION_RECHECK_MS ago? Then it waits;
   * after that one batch goes, and its answer says whether there is room now.
   */
  hold(connection: Connection, crmName: string): { sentence: string; until: number } | null {
    const saved = connection.config.allocation;
    const mine = this.latest.get(connection.id);
    const past = this.pastOf(mine && (!saved || mine.at >= saved.at) ? mine : saved);
    if (!past || past.recheckAt <= this.clock.now()) return null;
    return { sentence: past.holdSentence(crmName), until: past.recheckAt };
  }

  private pastOf(reading: AllocationReading | undefined): PastHeadroom | null {
    const stop = getSettings(this.db).allocationStopPercent;
    if (!reading || !overHeadroom(reading, stop)) return null;
    return {
      reading,
      recheckAt: reading.at + ALLOCATION_RECHECK_MS,
      holdSentence: (crmName) => allocationHoldSentence(crmName, reading, stop),
      warning: (crmName) => allocationWarning(crmName, reading, stop),
    };
  }
}
