import type { ChannelOutput, ParsedInput } from '../../preload/contract';
import type { Db } from '../store/db';
import { dailySyncedCounts, listEvents, listRuns } from '../store/sync-log';

/** The Sync log screen: runs, per-record events and per-day counts, read-only. */
export function createSyncLogService(db: Db) {
  return {
    runs(input: ParsedInput<'listRuns'>): ChannelOutput<'listRuns'> {
      return listRuns(db, input);
    },
    events(input: ParsedInput<'listEvents'>): ChannelOutput<'listEvents'> {
      return listEvents(db, input);
    },
    stats(input: ParsedInput<'getStats'>): ChannelOutput<'getStats'> {
      return { days: dailySyncedCounts(db, input) };
    },
  };
}

