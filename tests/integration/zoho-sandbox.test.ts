import { afterEach, describe, expect, it } from 'vitest';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';

/** The Zoho CRM sandbox on the wire, as Zoho documents it (docs/vendor-facts.md, Z1–Z7). */
const TOKEN = '1000.wire-test-token';
let sandbox: ZohoSandbox | undefined;
afterEach(async () => { await sandbox?.close(); sandbox = undefined; });

async function call(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const token = init.token === undefined ? TOKEN : init.token;
  const res = await fetch(`${sandbox!.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: token === null ? {} : { authorization: `Zoho-oauthtoken ${token}` },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) as Record<string, unknown> : {}, headers: res.headers };
}

const upsert = (data: unknown[], duplicate_check_fields?: string[]) => call('/crm/v8/Contacts/upsert', { body: { data, ...(duplicate_check_fields ? { duplicate_check_fields } : {}) } });

describe('Zoho CRM sandbox wire', () => {
  it('upserts: inserts, then updates the record an e-mail matches; answers per record; 207 for a partial success', async () => {
    sandbox = await startZohoSandbox({ token: TOKEN });
    const first = await upsert([{ Last_Name: 'Lovelace', Email: 'ada@example.com' }]);
    expect(first.status).toBe(200);
    expect(first.json.data).toEqual([expect.objectContaining({ code: 'SUCCESS', action: 'insert', duplicate_field: null, status: 'success', details: expect.objectContaining({ id: expect.stringMatching(/^\d{19}$/) }) })]);
    const again = await upsert([{ Last_Name: 'Lovelace', Title: 'Countess', Email: 'ADA@example.com' }, { Last_Name: 'Bad', Email: 'bob@' }, { First_Name: 'No last name' }]);
    expect(again.status).toBe(207);
    expect(again.json.data).toEqual([
      expect.objectContaining({ code: 'SUCCESS', action: 'update', duplicate_field: 'Email' }),
      { code: 'INVALID_DATA', details: { api_name: 'Email', expected_data_type: 'email', json_path: '$.data[1].Email' }, message: 'invalid data', status: 'error' },
      { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name', json_path: '$.data[2].Last_Name' }, message: 'required field not found', status: 'error' },
    ]);
    expect(sandbox.admin.contacts()).toHaveLength(1);
    const allBad = await upsert([{ Last_Name: 'x'.repeat(81) }]);
    expect(allBad.status).toBe(400);
    expect(allBad.json.data).toEqual([expect.objectContaining({ code: 'INVALID_DATA', details: expect.objectContaining({ api_name: 'Last_Name', maximum_length: 80 }) })]);
  });

  it('checks the named fields first, then every other unique field, and Email only when named', async () => {
    sandbox = await startZohoSandbox({ token: TOKEN });
    await call('/crm/v8/settings/fields?module=Contacts', { body: { fields: [{ field_label: 'Ferry Id', data_type: 'text', unique: { case_sensitive: false } }] } });
    await upsert([{ Last_Name: 'A', Email: 'a@example.com', Ferry_Id: 'u1' }]);
    // Email not named: a second record with the same e-mail is inserted
    expect((await upsert([{ Last_Name: 'B', Email: 'a@example.com', Ferry_Id: 'u2' }], ['Ferry_Id'])).json.data).toEqual([expect.objectContaining({ action: 'insert' })]);
    // named Email alone: Ferry_Id, a unique field, is still checked after it
    expect((await upsert([{ Last_Name: 'C', Email: 'nobody@example.com', Ferry_Id: 'u1' }], ['Email'])).json.data).toEqual([expect.objectContaining({ action: 'update', duplicate_field: 'Ferry_Id' })]);
    // a unique value another record holds
    expect((await upsert([{ Last_Name: 'D', Email: 'd@example.com', Ferry_Id: 'u9' }, { Last_Name: 'E', Ferry_Id: 'u9', Email: 'zz@example.com' }], ['Email'])).json.data)
      .toEqual([expect.objectContaining({ action: 'insert' }), expect.objectContaining({ action: 'update', duplicate_field: 'Ferry_Id' })]);
    expect((await upsert([{ Last_Name: 'F' }], ['Phone'])).status).toBe(400);
    expect((await upsert(Array.from({ length: 101 }, (_, i) => ({ Last_Name: `L${i}` })))).json).toMatchObject({ code: 'LIMIT_EXCEEDED', status: 'error' });
  });

  it('answers a missing, unknown or expired token, and a missing scope, in Zoho\'s words', async () => {
    sandbox = await startZohoSandbox({ token: TOKEN });
    expect(await call('/crm/v8/org', { token: null })).toMatchObject({ status: 401, json: { code: 'AUTHENTICATION_FAILURE', status: 'error' } });
    expect(await call('/crm/v8/org', { token: 'nope' })).toMatchObject({ status: 401, json: { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' } });
    sandbox.admin.registerToken({ token: 'read-only', scopes: ['ZohoCRM.modules.contacts.READ'] });
    expect((await upsert([{ Last_Name: 'x' }])).status).toBe(200);
    expect(await call('/crm/v8/Contacts/upsert', { body: { data: [{ Last_Name: 'x' }] }, token: 'read-only' })).toMatchObject({ status: 401, json: { code: 'OAUTH_SCOPE_MISMATCH' } });
    sandbox.admin.expireToken(TOKEN);
    expect(await call('/crm/v8/org')).toMatchObject({ status: 401, json: { code: 'INVALID_TOKEN' } });
  });

  it('charges 1 credit per 10 records and refuses with 429 TOO_MANY_REQUESTS when the 24 hours\' credits are used, stating what is left once half is gone', async () => {
    sandbox = await startZohoSandbox({ token: TOKEN, credits: 30 });
    const hundred = Array.from({ length: 100 }, (_, i) => ({ Last_Name: `L${i}` }));
    const a = await upsert(hundred);
    expect(a.headers.get('x-api-credits-remaining')).toBeNull();
    const b = await upsert(hundred);
    expect(b.headers.get('x-api-credits-remaining')).toBe('10');
    expect((await upsert(hundred.slice(0, 91))).status).toBe(200);
    const refused = await upsert(hundred.slice(0, 1));
    expect(refused).toMatchObject({ status: 429, json: { code: 'TOO_MANY_REQUESTS', status: 'error' } });
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(sandbox.admin.snapshot().creditsUsed).toBe(30);
  });

  it('refuses a call over the org\'s concurrency with 429, keyed to calls in flight, not time', async () => {
    sandbox = await startZohoSandbox({ token: TOKEN, edition: 'free', concurrency: 1 });
    sandbox.admin.holdCalls();
    const held = upsert([{ Last_Name: 'Held' }]);
    while (sandbox.admin.snapshot().limits.inFlight < 1) await new Promise((r) => setImmediate(r));
    expect((await upsert([{ Last_Name: 'Second' }])).json).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    sandbox.admin.releaseCalls();
    expect((await held).status).toBe(200);
    expect((await upsert([{ Last_Name: 'Third' }])).status).toBe(200);
    expect(sandbox.admin.contacts().map((c) => c.fields.Last_Name).sort()).toEqual(['Held', 'Third']);
  });

  it('creates at most 2 unique fields per module, and lists them as unique', async () => {
    sandbox = await startZohoSandbox({ token: TOKEN });
    const made = await call('/crm/v8/settings/fields?module=Contacts', { body: { fields: [
      { field_label: 'Ferry Id', data_type: 'text', unique: { case_sensitive: false } },
      { field_label: 'Badge', data_type: 'text', unique: { case_sensitive: false } },
      { field_label: 'Third', data_type: 'text', unique: { case_sensitive: false } },
    ] } });
    expect(made.status).toBe(207);
    expect((made.json.fields as { code: string }[]).map((f) => f.code)).toEqual(['SUCCESS', 'SUCCESS', 'LIMIT_EXCEEDED']);
    const list = await call('/crm/v8/settings/fields?module=Contacts');
    expect((list.json.fields as { api_name: string; unique: object }[]).find((f) => f.api_name === 'Ferry_Id')?.unique).toEqual({ casesensitive: 'false' });
  });
});
