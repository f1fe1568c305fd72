import { Client } from '@hubspot/api-client';
import { manualClock, type ManualClock } from '../../main/sandbox/shared/clock';
import { startHubSpotSandbox, type HubSpotSandbox, type HubSpotSandboxOptions } from '../../main/sandbox/hubspot';

export const token = 'pat-na1-sandbox-test-token';

export interface Harness {
  sandbox: HubSpotSandbox;
  clock: ManualClock;
  client: Client;
  clientWith(accessToken: string): Client;
}

/** A sandbox on a random port with a manual clock, and an SDK client as Ferry configures it. */
export async function startHarness(options: HubSpotSandboxOptions = {}): Promise<Harness> {
  const clock = manualClock();
  const sandbox = await startHubSpotSandbox({ port: 0, clock: clock.now, token, ...options });
  const clientWith = (accessToken: string): Client => new Client({
    accessToken,
    basePath: sandbox.url,
    numberOfApiCallRetries: 0,
    // The SDK's own pacing (9/s) would make limit tests slow; the sandbox enforces limits.
    limiterOptions: { minTime: 0, maxConcurrent: 50, id: `sandbox-${Math.random()}` },
  });
  return { sandbox, clock, client: clientWith(token), clientWith };
}

/** The SDK's ApiException, as far as tests need it. */
export interface ApiErrorLike {
  code: number;
  body: { message?: string; category?: string; errors?: Array<{ context?: Record<string, string[]> }> };
  headers: Record<string, string>;
}

export async function apiError(promise: Promise<unknown>): Promise<ApiErrorLike> {
  try {
    await promise;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && 'body' in error) return error as ApiErrorLike;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export async function rawFetch(sandbox: HubSpotSandbox, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`${sandbox.url}${path}`, { ...init, headers, redirect: 'manual' });
}
