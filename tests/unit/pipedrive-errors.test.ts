import { describe, expect, it } from 'vitest';
import { toSyncError } from '../../main/crm/pipedrive/errors';
import { limitInfo, PipedriveHttpError } from '../../main/crm/pipedrive/transport';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const err = (status: number, headers: Record<string, string> = {}, body: unknown = { success: false, error: 'x', error_info: 'y' }): PipedriveHttpError =>
  new PipedriveHttpError(status, headers, body, '/api/v2/persons');

describe('Pipedrive answers in the engine\'s terms (status and documented headers, never sentences)', () => {
  it('a 429 asking for a short wait is the burst window; one asking to wait past a minute is the day\'s token budget', () => {
    expect(toSyncError(err(429, { 'retry-after': '2' }), NOW)).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 2_000 } });
    expect(toSyncError(err(429, { 'x-ratelimit-reset': '1' }), NOW)).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 1_000 } });
    expect(toSyncError(err(429), NOW)).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 2_000 } });
    expect(toSyncError(err(429, { 'retry-after': '43200' }), NOW)).toMatchObject({ kind: 'daily_limit', details: { retryAfterMs: 43_200_000 } });
  });

  it('401 needs a new token; 402 and a JSON 403 are permissions, with Pipedrive\'s words; the HTML 403 block is a long wait', () => {
    expect(toSyncError(err(401, {}, { success: false, error: 'unauthorized access', errorCode: 401 }), NOW).kind).toBe('auth');
    expect(toSyncError(err(402, {}, { success: false, error: 'Company account is not open' }), NOW)).toMatchObject({ kind: 'permission', message: expect.stringContaining('"Company account is not open"') });
    expect(toSyncError(err(403, {}, { success: false, error: 'Couldn\'t add the custom field. Custom fields limit reached.', code: 'feature_capping_custom_fields_limit' }), NOW))
      .toMatchObject({ kind: 'permission', details: { crmError: expect.stringContaining('feature_capping_custom_fields_limit') } });
    expect(toSyncError(err(403, {}, '<html>This error is produced by Cloudflare</html>'), NOW)).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 60_000 } });
  });

  it('5xx is the server\'s; an unreadable 2xx too', () => {
    expect(toSyncError(err(503), NOW).kind).toBe('server');
    expect(toSyncError(err(200, {}, 'not json'), NOW).kind).toBe('server');
  });

  it('the burst headers reach the limiter as a 2-second window', () => {
    expect(limitInfo(200, { 'x-ratelimit-limit': '40', 'x-ratelimit-remaining': '39', 'x-ratelimit-reset': '2' })).toEqual({ status: 200, limit: 40, remaining: 39, intervalMs: 2_000 });
  });
});
