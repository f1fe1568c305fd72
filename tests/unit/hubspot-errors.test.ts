import { describe, expect, it } from 'vitest';
import { isRecordLevel, parseErrorBody, propertyValueErrors, rejectionSentence, toSyncError } from '../../main/crm/hubspot/errors';
import { HubSpotHttpError } from '../../main/crm/hubspot/transport';
import { classifyTransportError, parseRetryAfter } from '../../main/crm/shared/network-errors';

const NOW = Date.UTC(2025, 0, 1);
const http = (status: number, body: unknown, headers: Record<string, string> = {}): HubSpotHttpError =>
  new HubSpotHttpError(status, headers, body, '/crm/v3/objects/contacts/batch/upsert');

describe('HubSpot errors → SyncError', () => {
  it('429 TEN_SECONDLY_ROLLING waits a fraction of the window; Retry-After wins when present', () => {
    const body = { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.', correlationId: 'x' };
    const e = toSyncError(http(429, body), NOW);
    expect(e.kind).toBe('rate_limited');
    expect(e.details.retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(e.details.retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(toSyncError(http(429, body, { 'retry-after': '7' }), NOW).details.retryAfterMs).toBe(7_000);
    expect(toSyncError(http(429, { ...body, policyName: 'SECONDLY' }), NOW).details.retryAfterMs).toBe(1_000);
    expect(toSyncError(http(429, { ...body, policyName: 'DAILY' }), NOW).kind).toBe('daily_limit');
    expect(toSyncError(http(429, 'Too Many Requests'), NOW).kind).toBe('rate_limited');
  });

  it('401 → auth, 403 MISSING_SCOPES → permission naming the scope, 5xx → server', () => {
    expect(toSyncError(http(401, { category: 'EXPIRED_AUTHENTICATION', message: 'The OAuth token used to make this call expired 3 minute(s) ago.' }), NOW).kind).toBe('auth');
    const forbidden = toSyncError(http(403, {
      status: 'error', category: 'MISSING_SCOPES', message: "This app hasn't been granted all required scopes to make this call.",
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }],
    }), NOW);
    expect(forbidden.kind).toBe('permission');
    expect(forbidden.details.scope).toBe('crm.objects.contacts.write');
    expect(forbidden.message).toContain('crm.objects.contacts.write');
    expect(toSyncError(http(503, '<html>Service Unavailable</html>'), NOW).kind).toBe('server');
    expect(toSyncError(http(200, 'not json'), NOW).kind).toBe('server');
  });

  it('parses bodies with unexpected field types without throwing', () => {
    expect(parseErrorBody({ message: 42, category: ['x'], errors: 'nope', context: 5 })).toEqual({ errors: [] });
    expect(parseErrorBody(undefined)).toEqual({ errors: [] });
    expect(parseErrorBody({ message: 'm', errors: [{ message: 'd', context: { ids: [1, 2] } }, 'junk'] }).errors).toEqual([{ message: 'd', context: { ids: ['1', '2'] } }]);
  });

  it('reads the per-property list HubSpot embeds in a VALIDATION_ERROR', () => {
    const message = 'Property values were not valid: [{"isValid":false,"message":"Email address bob@ is invalid","error":"INVALID_EMAIL","name":"email","localizedErrorMessage":"Email address bob@ is invalid","portalId":1}]';
    const [detail] = propertyValueErrors(message);
    expect(detail).toMatchObject({ name: 'email', error: 'INVALID_EMAIL' });
    expect(rejectionSentence(detail!, 'bob@')).toBe("HubSpot says the e-mail address 'bob@' is not valid.");
    expect(propertyValueErrors('Property values were not valid: [oops')).toEqual([]);
    expect(isRecordLevel(http(400, { category: 'VALIDATION_ERROR', message }))).toBe(true);
    expect(isRecordLevel(http(400, { category: 'VALIDATION_ERROR', message: 'Invalid input JSON on line 1, column 1: x' }))).toBe(false);
    expect(isRecordLevel(http(409, { category: 'CONFLICT', message: 'Contact already exists. Existing ID: 12' }))).toBe(true);
  });
});

describe('transport failures', () => {
  const withCause = (code: string): Error => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

  it('classifies what Node fetch throws', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'UND_ERR_SOCKET']) expect(classifyTransportError(withCause(code)), code).toBe('network');
    expect(classifyTransportError(new Error('socket hang up'))).toBe('network');
    expect(classifyTransportError(withCause('UND_ERR_CONNECT_TIMEOUT'))).toBe('timeout');
    expect(classifyTransportError(new DOMException('The operation timed out.', 'TimeoutError'))).toBe('timeout');
    expect(classifyTransportError(new TypeError('x is not a function'))).toBeNull();
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2_000);
    expect(parseRetryAfter(new Date(NOW + 5_000).toUTCString(), NOW)).toBe(5_000);
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});
