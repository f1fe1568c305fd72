import { describe, expect, it } from 'vitest';
import { parseBody, readCredential } from '../../main/crm/shared/transport-parts';
import { SyncError } from '../../main/sync/connector';

describe('the parts every fetch-based transport shares', () => {
  it('a credential that cannot be read asks for a reconnect without repeating the secret; an empty one is a config problem', async () => {
    const failed = await readCredential(() => Promise.reject(new Error('keychain said: Bearer pat-na1-11111111-2222-3333-4444-555555555555')), 'Zoho CRM', 'access token').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SyncError);
    expect((failed as SyncError).kind).toBe('auth');
    expect((failed as SyncError).message).toBe('Ferry could not read the Zoho CRM access token. Reconnect Zoho CRM in Integrations.');
    expect(JSON.stringify((failed as SyncError).details)).not.toContain('pat-na1-11111111');
    const empty = await readCredential(() => Promise.resolve(''), 'Pipedrive', 'API token').catch((e: unknown) => e);
    expect((empty as SyncError).kind).toBe('config');
    expect(await readCredential(() => Promise.resolve('t0k'), 'HubSpot', 'access token')).toBe('t0k');
  });

  it('reads JSON when the answer is JSON, keeps text otherwise, and nothing for an empty body', () => {
    expect(parseBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ a: 1 });
    expect(parseBody('<html>busy</html>', 'application/json')).toBe('<html>busy</html>');
    expect(parseBody('plain', 'text/plain')).toBe('plain');
    expect(parseBody('', 'application/json')).toBeUndefined();
  });
});
