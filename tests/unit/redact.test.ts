import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRegistry, redact, redactError } from '../../main/secrets/redact';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { registeringVault } from '../../main/secrets/registering-vault';
import { secretKey } from '../../main/secrets/vault';

const TOKEN = 'CNa1bC2dE3-fG4hI5/jK6+lM7==';

describe('redact', () => {
  it('replaces a known secret in raw, URL-encoded and JSON-escaped form', () => {
    const text = `raw ${TOKEN} url ${encodeURIComponent(TOKEN)} json ${JSON.stringify({ t: `a"${TOKEN}` })}`;
    const out = redact(text, [TOKEN]);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(encodeURIComponent(TOKEN));
    expect(out.split(REDACTED).length - 1).toBe(3);
  });

  it('scrubs secret fields even when the secret is not known', () => {
    const text = [
      'POST /oauth/v1/token grant_type=refresh_token&refresh_token=rt-unknown-123&client_secret=cs-xyz-789',
      '{"access_token": "at-unknown-456", "expires_in": 1800}',
      'Authorization: Bearer eyJhbGciOi.payload.sig',
      'DELETE /oauth/v1/refresh-tokens/rt-path-999',
      'GET /oauth/callback?code=auth-code-abc&state=s1',
    ].join('\n');
    const out = redact(text);
    for (const leaked of ['rt-unknown-123', 'cs-xyz-789', 'at-unknown-456', 'eyJhbGciOi.payload.sig', 'rt-path-999', 'auth-code-abc']) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain('grant_type=refresh_token');
    expect(out).toContain('"expires_in": 1800');
    expect(out).toContain('state=s1');
  });

  it('keeps CRM error codes readable', () => {
    const body = '{"status":"error","errors":[{"code":"INVALID_EMAIL"}],"category":"VALIDATION_ERROR"}';
    expect(redact(body)).toBe(body);
  });

  it('ignores nulls and values too short to be tokens', () => {
    expect(redact('id 42 and abc', [null, undefined, '42', 'abc'])).toBe('id 42 and abc');
  });

  it('scrubs error messages', () => {
    expect(redactError(new Error(`token ${TOKEN} rejected`), [TOKEN])).toBe(`Error: token ${REDACTED} rejected`);
  });
});

describe('SecretRegistry with registeringVault', () => {
  it('remembers tokens that pass through the vault, but not expiry times', async () => {
    const registry = new SecretRegistry();
    const vault = registeringVault(new InMemoryVault({ [secretKey('c1', 'refresh_token')]: 'refresh-secret-1' }), registry);
    await vault.get(secretKey('c1', 'refresh_token'));
    await vault.set(secretKey('c1', 'access_token'), 'access-secret-2');
    await vault.set(secretKey('c1', 'token_expires_at'), '1700000000000');
    expect([...registry.known()].sort()).toEqual(['access-secret-2', 'refresh-secret-1']);
    expect(registry.redact('sent access-secret-2 at 1700000000000')).toBe(`sent ${REDACTED} at 1700000000000`);
  });
});
