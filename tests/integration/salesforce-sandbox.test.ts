import { createHash, randomBytes } from 'node:crypto';
import jsforce, { type Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../main/sandbox/shared/clock';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce';

const token = 'sandbox-token-abc';
let sandbox: SalesforceSandbox | undefined;
afterEach(async () => { await sandbox?.close(); sandbox = undefined; });

const connect = (sb: SalesforceSandbox, accessToken = token): Connection => new jsforce.Connection({ instanceUrl: sb.url, accessToken, version: '62.0' });

async function rejection(p: PromiseLike<unknown>): Promise<{ errorCode?: string; name?: string; message: string }> {
  try {
    await p;
  } catch (error) {
    return error as { errorCode?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('Salesforce sandbox through jsforce', () => {
  it('creates, queries with SystemModstamp, pages at 2,000 rows, and carries Sforce-Limit-Info', async () => {
    sandbox = await startSalesforceSandbox({ token, dailyLimit: 5_000 });
    const conn = connect(sandbox);
    for (let i = 0; i < 11; i += 1) {
      const batch = Array.from({ length: 200 }, (_, j) => ({ LastName: `L${i * 200 + j}`, Email: `p${i * 200 + j}@x.com` }));
      const results = await conn.sobject('Contact').create(batch, { allOrNone: false });
      expect(results.every((r) => r.success)).toBe(true);
    }
    const first = await conn.query<{ Id: string; SystemModstamp: string }>("SELECT Id, Email, SystemModstamp FROM Contact WHERE LastName != null");
    expect(first.totalSize).toBe(2_200);
    expect(first.records).toHaveLength(2_000);
    expect(first.nextRecordsUrl).toMatch(/\/query\/01g/);
    expect(first.records[0]?.SystemModstamp).toMatch(/^\d{4}-\d\d-\d\dT.*\+0000$/);
    const more = await conn.queryMore(first.nextRecordsUrl?.split('/').pop() ?? '');
    expect(more.records).toHaveLength(200);
    const found = await conn.query("SELECT Id FROM Contact WHERE Email IN ('P1@X.COM', 'p2@x.com', 'nobody@x.com')");
    expect(found.totalSize).toBe(2);
    expect(conn.limitInfo.apiUsage).toEqual({ used: 14, limit: 5_000 });
  });

  it('refuses more than 200 records per collection, and an over-long query URI with 414', async () => {
    sandbox = await startSalesforceSandbox({ token });
    const conn = connect(sandbox);
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Contact' }, LastName: `L${i}` }));
    expect((await rejection(conn.requestPost('/composite/sobjects', { records: tooMany }))).errorCode).toBe('EXCEEDED_ID_LIMIT');
    const emails = Array.from({ length: 600 }, (_, i) => `'someone.with.a.long.name${i}@example.com'`).join(',');
    const res = await fetch(`${sandbox.url}/services/data/v62.0/query?q=${encodeURIComponent(`SELECT Id FROM Contact WHERE Email IN (${emails})`)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(414);
  });

  it('answers per-record errors: required fields, validation rules, duplicate rules with match details', async () => {
    sandbox = await startSalesforceSandbox({ token });
    const conn = connect(sandbox);
    sandbox.admin.addValidationRule({ name: 'No_CEO', field: 'Title', pattern: '^ceo$', message: 'CEOs are handled by the board team.' });
    sandbox.admin.addDuplicateRule({ object: 'Contact', action: 'allow' });
    const existing = sandbox.admin.seedRecord('Contact', { LastName: 'Copy', Email: 'dup@x.com' });
    const body = (allowSave: boolean) => ({
      records: [
        { attributes: { type: 'Lead' }, LastName: 'NoCompany' },
        { attributes: { type: 'Contact' }, LastName: 'Boss', Title: 'CEO' },
        { attributes: { type: 'Contact' }, LastName: 'Copy', Email: 'DUP@x.com' },
        { attributes: { type: 'Contact' }, LastName: 'Fine' },
      ],
      allowSave,
    });
    const results = await conn.request<Array<{ success: boolean; errors: Array<{ statusCode: string; message: string; duplicateResut?: { matchResults: Array<{ entityType: string; matchRecords: Array<{ record: { Id: string } }> }> } }> }>>({
      method: 'POST', url: '/composite/sobjects', body: JSON.stringify({ records: body(false).records }),
      headers: { 'content-type': 'application/json', 'Sforce-Duplicate-Rule-Header': 'allowSave=false; includeRecordDetails=true' },
    });
    expect(results.map((r) => r.success)).toEqual([false, false, false, true]);
    expect(results[0]?.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]' });
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'CEOs are handled by the board team.' });
    expect(results[2]?.errors[0]?.statusCode).toBe('DUPLICATES_DETECTED');
    // the REST API's own spelling of the key (sic)
    expect(results[2]?.errors[0]?.duplicateResut?.matchResults[0]).toMatchObject({ entityType: 'Contact', matchRecords: [{ record: { Id: existing } }] });
    // an 'allow' rule saves when the caller says allowSave=true
    const saved = await conn.request<Array<{ success: boolean }>>({
      method: 'POST', url: '/composite/sobjects', body: JSON.stringify({ records: [body(true).records[2]] }),
      headers: { 'content-type': 'application/json', 'Sforce-Duplicate-Rule-Header': 'allowSave=true; includeRecordDetails=true' },
    });
    expect(saved[0]?.success).toBe(true);
  });

  it('upserts by an External ID field only, and reports several matches', async () => {
    sandbox = await startSalesforceSandbox({ token, schema: { ferryIdUnique: false } });
    const conn = connect(sandbox);
    const [created] = await conn.sobject('Contact').upsert([{ Ferry_Id__c: 'u-1', LastName: 'One' }], 'Ferry_Id__c');
    expect(created).toMatchObject({ success: true, created: true });
    const [updated] = await conn.sobject('Contact').upsert([{ Ferry_Id__c: 'u-1', LastName: 'Uno' }], 'Ferry_Id__c');
    expect(updated).toMatchObject({ success: true, created: false, id: created?.id });
    sandbox.admin.seedRecord('Contact', { LastName: 'Twin', Ferry_Id__c: 'u-1' });
    const [twice] = await conn.sobject('Contact').upsert([{ Ferry_Id__c: 'u-1', LastName: 'Again' }], 'Ferry_Id__c');
    expect(twice?.success).toBe(false);
    expect((twice?.errors[0] as unknown as { statusCode: string }).statusCode).toBe('DUPLICATE_EXTERNAL_ID');
    expect((await rejection(conn.sobject('Contact').upsert({ Ferry_Id__c: 'u-1', LastName: 'Single' }, 'Ferry_Id__c'))).errorCode).toBe('MULTIPLE_CHOICES');
    expect((await rejection(conn.requestPatch('/composite/sobjects/Contact/Email', { records: [] }))).errorCode).toBe('INVALID_FIELD');

    sandbox.admin.configureSchema({ ferryIdField: false });
    const describe = await conn.sobject('Lead').describe();
    expect(describe.fields.some((f) => f.name === 'Ferry_Id__c')).toBe(false);
    expect(describe.fields.find((f) => f.name === 'Company')?.nillable).toBe(false);
  });

  it('describes Contact phones and Other* address fields, and custom fields an admin adds over HTTP; null clears a field', async () => {
    sandbox = await startSalesforceSandbox({ token });
    const conn = connect(sandbox);
    const before = await conn.sobject('Contact').describe();
    for (const name of ['HomePhone', 'OtherPhone', 'OtherStreet', 'OtherCity', 'OtherState', 'OtherPostalCode', 'OtherCountry']) {
      expect(before.fields.some((f) => f.name === name), name).toBe(true);
    }
    const added = await fetch(`${sandbox.url}/__sandbox/custom-fields`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'Contact', name: 'Ferry_Tags__c', label: 'Ferry Tags', type: 'textarea', length: 32768 }),
    });
    expect(added.status).toBe(200);
    const bad = await fetch(`${sandbox.url}/__sandbox/custom-fields`, { method: 'POST', body: JSON.stringify({ object: 'Contact', name: 'NoSuffix', label: 'x' }) });
    expect(bad.status).toBe(400);
    const field = (await conn.sobject('Contact').describe()).fields.find((f) => f.name === 'Ferry_Tags__c');
    expect(field).toMatchObject({ custom: true, type: 'textarea', length: 32768, createable: true, updateable: true });

    const created = await conn.sobject('Contact').create({ LastName: 'Tagged', Ferry_Tags__c: 'vip', HomePhone: '+1555' });
    const id = created.success ? created.id : '';
    await conn.sobject('Contact').update({ Id: id, Ferry_Tags__c: null, HomePhone: null });
    expect(sandbox.admin.record(id)?.fields).toEqual({ LastName: 'Tagged' });
  });

  it('answers INVALID_SESSION_ID for an expired token and REQUEST_LIMIT_EXCEEDED past the daily allocation', async () => {
    const clock = manualClock();
    sandbox = await startSalesforceSandbox({ token, dailyLimit: 2, clock: clock.now });
    const conn = connect(sandbox);
    await conn.query('SELECT Id FROM Contact');
    await conn.query('SELECT Id FROM Contact');
    expect((await rejection(conn.query('SELECT Id FROM Contact'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    clock.advance(86_400_001);
    await conn.query('SELECT Id FROM Contact');
    sandbox.admin.expireToken(token);
    expect((await rejection(conn.query('SELECT Id FROM Contact'))).errorCode).toBe('INVALID_SESSION_ID');
  });

  it('runs the OAuth web-server flow with PKCE, and rotates refresh tokens when told to', async () => {
    sandbox = await startSalesforceSandbox({ rotateRefreshTokens: true });
    const redirectUri = 'http://127.0.0.1:47123/callback';
    // as the README tells admins: a public client needs "Require secret for Refresh Token Flow" unticked
    sandbox.admin.registerConnectedApp({ clientId: 'ferry-desktop', redirectUri, requireSecretForRefresh: false });
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = new URL(`${sandbox.url}/services/oauth2/authorize`);
    Object.entries({ response_type: 'code', client_id: 'ferry-desktop', redirect_uri: redirectUri, scope: 'api refresh_token offline_access', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' })
      .forEach(([k, v]) => authorize.searchParams.set(k, v));
    const wrongRedirect = new URL(authorize);
    wrongRedirect.searchParams.set('redirect_uri', 'http://127.0.0.1:47124/callback');
    expect((await fetch(wrongRedirect, { redirect: 'manual' })).status).toBe(400);
    const approved = await fetch(authorize, { redirect: 'manual' });
    const location = new URL(approved.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('s1');

    const oauth2 = new jsforce.OAuth2({ loginUrl: sandbox.url, clientId: 'ferry-desktop', redirectUri });
    const bad = await rejection(oauth2.requestToken({ grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', code_verifier: 'wrong' }));
    expect(bad.name).toBe('invalid_grant');
    const again = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(again.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = await oauth2.requestToken({ grant_type: 'authorization_code', code, code_verifier: verifier });
    expect(tokens).toMatchObject({ instance_url: sandbox.url, token_type: 'Bearer' });
    expect(tokens.id).toMatch(/\/id\/00D\w+\/005\w+$/);
    const refreshToken = tokens.refresh_token as string;

    // jsforce's own refresh (it needs `id` in the token response) with rotation
    const conn = new jsforce.Connection({ oauth2, instanceUrl: tokens.instance_url, accessToken: tokens.access_token, refreshToken, version: '62.0' });
    const rotated: string[] = [];
    conn.on('refresh', (_access: string, res: { refresh_token?: string }) => { if (res.refresh_token) rotated.push(res.refresh_token); });
    sandbox.admin.expireAllTokens();
    await conn.query('SELECT Id FROM Contact');
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).not.toBe(refreshToken);
    expect((await rejection(oauth2.refreshToken(refreshToken))).name).toBe('invalid_grant');
    const identity = await conn.request<{ organization_id: string }>(tokens.id);
    expect(identity.organization_id).toMatch(/^00D/);
    await oauth2.revokeToken(rotated[0] as string);
    expect((await rejection(oauth2.refreshToken(rotated[0] as string))).name).toBe('invalid_grant');
  });

  it('injects outages and dropped connections', async () => {
    sandbox = await startSalesforceSandbox({ token });
    const res = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'status', status: 503 }) });
    expect(res.status).toBe(200);
    const outage = await fetch(`${sandbox.url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${token}` } });
    expect(outage.status).toBe(503);
    expect(outage.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);
    sandbox.admin.injectFault({ kind: 'drop' });
    await expect(fetch(`${sandbox.url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow();
  });
});
