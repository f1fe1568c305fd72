import { Connection as SfConnection } from 'jsforce';
import { redact } from '../../secrets/redact';
import { SyncError } from '../../sync/connector';
import { HookedTransport, type RequestHooks } from './transport';

/**
 * One jsforce Connection per push (or prepare), carrying that call's hooks.
 *
 * jsforce refreshes the session on every 401 and retries the request — and on a
 * 401 that persists (a revoked session, a blocked connected app) it refreshes
 * and retries forever. Here refreshing goes through Ferry's `refresh` and is
 * capped at MAX_REFRESHES per session; past the cap, or when there is nothing to
 * refresh with, the refresh fails, jsforce gives up, and `authError` says why.
 */
export const API_VERSION = '62.0';
export const MAX_REFRESHES = 1;
const REQUEST_TIMEOUT_MS = 60_000;

export interface SessionOptions {
  instanceUrl: string;
  accessToken: () => Promise<string>;
  /** a new access token (storing a rotated refresh token first), or null when the grant is gone */
  refresh?: () => Promise<string | null>;
  timeoutMs?: number;
}

export interface Session {
  conn: SfConnection;
  /** set when a refresh was refused or failed: the push must stop with it */
  authError(): SyncError | undefined;
  refreshes(): number;
}

const reauth = (detail: string): SyncError => new SyncError('auth',
  'Salesforce no longer accepts Ferry\'s sign-in. Reconnect Salesforce in Integrations.', { status: 401, crmError: detail });

export async function openSession(options: SessionOptions, hooks: RequestHooks): Promise<Session> {
  let token: string;
  try {
    token = await options.accessToken();
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw new SyncError('auth', 'Ferry could not get a Salesforce access token. Reconnect Salesforce in Integrations.', { crmError: redact(error instanceof Error ? error.message : String(error)) });
  }
  if (!token) throw new SyncError('config', 'Ferry has no Salesforce access token for this connection. Reconnect Salesforce in Integrations.');

  let refreshes = 0;
  let authError: SyncError | undefined;
  const tokens = [token];
  const conn = new SfConnection({
    instanceUrl: options.instanceUrl.replace(/\/+$/, ''),
    accessToken: token,
    version: API_VERSION,
    refreshFn: (_conn, callback) => {
      const fail = (e: SyncError): void => {
        authError = e;
        callback(e);
      };
      if (!options.refresh) return fail(reauth('INVALID_SESSION_ID and no refresh token'));
      if (refreshes >= MAX_REFRESHES) return fail(reauth(`INVALID_SESSION_ID after ${refreshes} refresh${refreshes === 1 ? '' : 'es'}`));
      refreshes += 1;
      options.refresh().then(
        (next) => {
          if (!next) return fail(reauth('the refresh token was refused'));
          tokens.push(next);
          callback(null, next);
        },
        (error: unknown) => fail(error instanceof SyncError ? error : reauth(redact(error instanceof Error ? error.message : String(error), tokens))),
      );
    },
  });
  // jsforce has no option for its transport; this public field is what it calls for every request.
  conn._transport = new HookedTransport(hooks, options.timeoutMs ?? REQUEST_TIMEOUT_MS, () => tokens);
  return { conn, authError: () => authError, refreshes: () => refreshes };
}
