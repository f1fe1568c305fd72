import { describe, expect, it } from 'vitest';
import { computeSignature, signatureHeader, verifyFerrySignature } from '../../main/crm/webhook/signature';
import { validateWebhookUrl } from '../../main/crm/webhook/webhook-url';

const secret = 'whsec_test_0123456789abcdef';
const body = JSON.stringify({ event_id: 'evt_1', contact: { first_name: 'Ada' } });
const t = 1_767_000_000;
const at = (seconds: number) => () => seconds * 1000;

describe('verifyFerrySignature', () => {
  it('accepts a valid signature and reports its timestamp', () => {
    expect(verifyFerrySignature(signatureHeader(secret, t, body), body, secret, { now: at(t + 10) })).toEqual({ ok: true, timestamp: t });
    expect(verifyFerrySignature(signatureHeader(secret, t, body), Buffer.from(body), secret, { now: at(t) }).ok).toBe(true);
  });

  it('has the documented format: t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${expected}`);
    expect(computeSignature(secret, t, body)).toBe(expected);
  });

  it('refuses a tampered body', () => {
    const check = verifyFerrySignature(signatureHeader(secret, t, body), body.replace('Ada', 'Eve'), secret, { now: at(t) });
    expect(check).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses a signature made with another secret', () => {
    const check = verifyFerrySignature(signatureHeader('another-secret-value', t, body), body, secret, { now: at(t) });
    expect(check).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses a timestamp outside the tolerance, in the past or the future', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifyFerrySignature(header, body, secret, { now: at(t + 301) })).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyFerrySignature(header, body, secret, { now: at(t - 301) })).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyFerrySignature(header, body, secret, { now: at(t + 300) }).ok).toBe(true);
    expect(verifyFerrySignature(header, body, secret, { now: at(t + 60), toleranceSeconds: 30 })).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('cannot be replayed with a new timestamp on the old signature', () => {
    const v1 = computeSignature(secret, t, body);
    expect(verifyFerrySignature(`t=${t + 100},v1=${v1}`, body, secret, { now: at(t + 100) })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses missing and malformed headers, and accepts any matching v1 during a rotation', () => {
    expect(verifyFerrySignature(undefined, body, secret)).toMatchObject({ ok: false, reason: 'missing' });
    expect(verifyFerrySignature('', body, secret)).toMatchObject({ ok: false, reason: 'missing' });
    for (const bad of ['v1=abc', `t=${t}`, `t=abc,v1=${'0'.repeat(64)}`, `t=${t},v1=xyz`, 'garbage']) {
      expect(verifyFerrySignature(bad, body, secret, { now: at(t) })).toMatchObject({ ok: false, reason: 'malformed' });
    }
    const rotated = `t=${t},v1=${computeSignature('old-secret-value', t, body)},v1=${computeSignature(secret, t, body)},v2=future`;
    expect(verifyFerrySignature(rotated, body, secret, { now: at(t) }).ok).toBe(true);
  });
});

describe('validateWebhookUrl', () => {
  it('accepts any https URL, and plain http only to this computer (a local test receiver)', () => {
    expect(validateWebhookUrl('https://crm.example.org/ferry/hook?x=1').ok).toBe(true);
    for (const local of ['http://127.0.0.1:9000/webhook', 'http://localhost:9000/webhook', 'http://[::1]:9000/webhook']) {
      expect(validateWebhookUrl(local).ok, local).toBe(true);
    }
    const refused = [
      validateWebhookUrl('http://crm.example.org/hook'),
      validateWebhookUrl('http://10.0.0.5/hook'),
      validateWebhookUrl('http://127.0.0.1.evil.test/hook'),
      validateWebhookUrl('https://crm.example.org/hook#frag'),
      validateWebhookUrl('not a url'),
    ];
    for (const check of refused) expect(check.ok).toBe(false);
  });
});
