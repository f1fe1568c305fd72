import { randomInt } from 'node:crypto';
import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import { dueWindow } from '../store/outbox';
import { readSettingValue, settleSettingValue } from '../store/settings';
import { lastRunStartedAt } from '../store/sync-records';
import type { RunTrigger } from './service-api';

interface ScheduleOptions {
  online: boolean;
  automaticDelayMs: number;
  debounceMs: number;
}

/**
 * Whether the scheduler should start a run for this connection now, and why.
 * Only due outbox rows (store/outbox.ts: the one definition of pending work,
 * retry delays honoured) make a run due, so a connection with nothing to send
 * never starts one. It reads the outbox on every poll, so changes written by
 * another process (a `ferry contacts add` next to the app) are noticed within
 * one poll.
 */
export function isDue(db: Db, connection: Connection, now: number, opts: ScheduleOptions): RunTrigger | null {
  if (!opts.online || connection.mode === 'manual') return null;
  const due = dueWindow(db, connection.id, now);
  if (due.oldest === null || due.newest === null) return null;
  if (connection.mode === 'automatic') {
    // Push once the burst of edits has gone quiet, and never later than the automatic delay.
    return due.newest <= now - opts.debounceMs || due.oldest <= now - opts.automaticDelayMs ? 'automatic' : null;
  }
  if (connection.mode === 'scheduled' && connection.intervalMinutes) {
    const last = lastRunStartedAt(db, connection.id) ?? connection.createdAt;
    return nextSlotAfter(last, connection.intervalMinutes * 60_000, installOffset(db)) <= now ? 'scheduled' : null;
  }
  return null;
}

const OFFSET_KEY = 'schedule.installOffset';

/**
 * This data folder's place inside any interval, in [0, 1): drawn at random the
 * first time and kept in the settings table, so it is stable per install and
 * different between laptops. A team whose laptops all sync every 15 minutes then
 * spreads over the 15 minutes instead of hitting the CRM at the same second.
 */
export function installOffset(db: Db): number {
  const stored = readSettingValue(db, OFFSET_KEY);
  if (typeof stored === 'number' && stored >= 0 && stored < 1) return stored;
  const settled = settleSettingValue(db, OFFSET_KEY, randomInt(0, 1_000_000) / 1_000_000);
  return typeof settled === 'number' && settled >= 0 && settled < 1 ? settled : 0;
}

/**
 * Scheduled runs start on this install's slots: offset × interval after each
 * multiple of the interval (counted from the epoch). The next run is the first
 * slot after the latest one started (or after the connection was made), so a
 * late run does not shift the ones after it and the interval is kept.
 */
export function nextSlotAfter(after: number, intervalMs: number, offset: number): number {
  const shift = Math.floor(offset * intervalMs);
  return (Math.floor((after - shift) / intervalMs) + 1) * intervalMs + shift;
}

/**
 * When an automatic connection may start after the network comes back: a
 * per-install point within one HubSpot window, so laptops that come back
 * together (a venue's Wi-Fi) do not all start in the same second; from then on
 * the fleet-aware limiter paces them.
 */
export const ONLINE_STAGGER_MS = 10_000;

/** Automatic connections that pull read the CRM this often (a CRM has no push channel to Ferry). */
export const AUTOMATIC_PULL_MS = 5 * 60_000;

/**
 * Whether a pull or two-way connection should read its CRM now: Automatic every
 * few minutes, Scheduled on its interval (after its last pull, failed ones
 * included), never in Manual mode or offline.
 */
export function isPullDue(db: Db, connection: Connection, now: number, online: boolean): RunTrigger | null {
  if (!online || connection.direction === 'push' || connection.mode === 'manual') return null;
  const last = lastRunStartedAt(db, connection.id, 'pull');
  if (connection.mode === 'automatic') return last === null || last <= now - AUTOMATIC_PULL_MS ? 'automatic' : null;
  if (connection.mode === 'scheduled' && connection.intervalMinutes) {
    return last === null || nextSlotAfter(last, connection.intervalMinutes * 60_000, installOffset(db)) <= now ? 'scheduled' : null;
  }
  return null;
}
