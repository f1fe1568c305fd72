import { SyncError } from '../../sync/connector';

/**
 * Reads a secret (hook URL, webhook secret) through its getter. A SyncError
 * from the getter (no credentials, missing environment variable) passes through;
 * anything else becomes a config error whose text never includes the value.
 */
export async function readDeliverySecret(getter: () => Promise<string> | string, missing: string): Promise<string> {
  let value: string;
  try {
    value = await getter();
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw new SyncError('config', missing, { crmError: error instanceof Error ? error.message : String(error) });
  }
  if (!value || value.trim() === '') throw new SyncError('config', missing);
  return value.trim();
}
