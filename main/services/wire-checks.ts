import type * as Wire from '../../preload/schemas/connection';
import type * as Store from '../store/connections';
import type { RunSummary, SyncProgress } from '../sync/service-api';
import type { RunSummaryView } from '../../preload/schemas/sync-log';
import type { SyncProgressView } from '../../preload/schemas/connection';

/**
 * preload/ may not import main/, so the wire types repeat a few store lists.
 * These assignments fail to compile when the two drift apart.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const wireMatchesStore: [
  Same<Wire.ConnectionKind, Store.ConnectionKind>,
  Same<Wire.ConnectionStatus, Store.ConnectionStatus>,
  Same<Wire.SyncMode, Store.SyncMode>,
  Same<RunSummaryView, RunSummary>,
  Same<SyncProgressView, SyncProgress>,
] = [true, true, true, true, true];
