import { SyncError } from '../../main/sync/connector';

/** The SyncError a connector call fails with; fails the test when it succeeds or throws anything else. */
export async function syncError(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error('expected a SyncError');
}
