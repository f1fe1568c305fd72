/**
 * The Zoho CRM sandbox's read side as Zoho documents it (docs/vendor-facts.md Z10, Z13):
 * COQL's grammar, limits and credits by LIMIT, date-times to the second, and the
 * deleted-records list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';

const TOKEN = '1000.sandbox-pull-token-0123456789';
let sandbox: ZohoSandbox;
let now = Date.parse('2026-11-02T09:00:00.250Z');

afterEach(async () => { await sandbox.close(); });

async function start(): Promise<void> {
  now = Date.parse('2026-11-02T09:00:00.250Z');
  sandbox = await startZohoSandbox({ port: 0, token: TOKEN, clock: () => now });
}
const auth = { authorization: `Zoho-oauthtoken ${TOKEN}` };
const coql = async (q: string): Promise<{ status: number; body: { data?: Record<string, unknown>[]; info?: { more_records?: boolean }; code?: string } }> => {
  const r = await fetch(`${sandbox.url}/crm/v8/coql`, { method: 'POST', headers: auth, body: JSON.stringify({ select_query: q }) });
  return { status: r.status, body: r.status === 204 ? {} : await r.json() as never };
};

describe('the Zoho sandbox answers COQL as Zoho documents it', () => {
  it('orders by (Modified_Time, id), compares times to the second, and pages by a keyset', async () => {
    await start();
    const a = sandbox.admin.seedContact({ Last_Name: 'A' });
    now += 500; // same second
    const b = sandbox.admin.seedContact({ Last_Name: 'B' });
    now += 1_000;
    const c = sandbox.admin.seedContact({ Last_Name: 'C' });
    const all = await coql('select Last_Name, Modified_Time from Contacts where id is not null order by Modified_Time asc, id asc limit 2');
    expect(all.body.data?.map((r) => r.id)).toEqual([a, b]);
    expect(all.body.data?.[0]?.Modified_Time).toBe('2026-11-02T09:00:00+00:00');
    expect(all.body.info?.more_records).toBe(true);
    const after = await coql(`select Last_Name from Contacts where ((Modified_Time = '2026-11-02T09:00:00+00:00' and id > ${a}) or Modified_Time > '2026-11-02T09:00:00+00:00') order by Modified_Time asc, id asc limit 200`);
    expect(after.body.data?.map((r) => r.id)).toEqual([b, c]);
    expect((await coql(`select Last_Name from Contacts where Modified_Time > '2026-11-02T09:00:01+00:00' limit 200`)).status).toBe(204);
  });

  it('refuses what Zoho refuses: three criteria without brackets, LIMIT over 2,000, LIMIT + OFFSET over 100,000', async () => {
    await start();
    sandbox.admin.seedContact({ Last_Name: 'A' });
    expect((await coql('select Last_Name from Contacts where id is not null and Last_Name is not null and Email is null')).body.code).toBe('SYNTAX_ERROR');
    expect((await coql('select Last_Name from Contacts where id is not null limit 2001')).body.code).toBe('INVALID_QUERY');
    expect((await coql('select Last_Name from Contacts where id is not null limit 2000 offset 98001')).body.code).toBe('LIMIT_EXCEEDED');
    expect((await coql('select Nope from Contacts where id is not null')).body.code).toBe('INVALID_QUERY');
  });

  it('bills COQL by LIMIT: 1 credit up to 200, 2 up to 1,000, 3 up to 2,000', async () => {
    await start();
    sandbox.admin.seedContact({ Last_Name: 'A' });
    const cost = async (limit: number): Promise<number> => {
      const before = sandbox.admin.snapshot().creditsUsed;
      await coql(`select Last_Name from Contacts where id is not null limit ${limit}`);
      return sandbox.admin.snapshot().creditsUsed - before;
    };
    expect([await cost(200), await cost(201), await cost(1_000), await cost(1_001), await cost(2_000)]).toEqual([1, 2, 2, 3, 3]);
  });
});

describe('the Zoho sandbox lists deleted records as Zoho does', () => {
  const list = async (query: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${sandbox.url}/crm/v8/Contacts/deleted?${query}`, { headers: { ...auth, ...headers } });
  type Listed = { data: { id: string; type: string; display_name: string | null; deleted_time: string }[]; info: { more_records: boolean } };

  it("in the spec example's order (Recycle Bin newest first, then permanent), 200 a page at most", async () => {
    await start();
    const a = sandbox.admin.seedContact({ First_Name: 'Ada', Last_Name: 'Lovelace' });
    const b = sandbox.admin.seedContact({ Last_Name: 'Babbage' });
    const c = sandbox.admin.seedContact({ Last_Name: 'Church' });
    sandbox.admin.deleteContact(a);
    now += 60_000;
    sandbox.admin.deleteContact(b);
    sandbox.admin.purgeContact(b);
    now += 60_000;
    sandbox.admin.deleteContact(c);
    const all = await (await list('type=all')).json() as Listed;
    expect(all.data.map((d) => [d.id, d.type, d.display_name])).toEqual([[c, 'recycle', 'Church'], [a, 'recycle', 'Ada Lovelace'], [b, 'permanent', null]]);
    expect(all.info.more_records).toBe(false);
    expect((await list('type=recycle&per_page=1')).status).toBe(200);
    expect((await list('per_page=201')).status).toBe(400);
    expect((await list('page=2')).status).toBe(204);
    // the record itself is gone from reads
    expect((await coql('select Last_Name from Contacts where id is not null')).status).toBe(204);
  });

  it('If-Modified-Since lists what was deleted after its second; nothing after it is a 304 with no body; no header and nothing is a 204', async () => {
    await start();
    expect((await list('type=all')).status).toBe(204);
    const a = sandbox.admin.seedContact({ Last_Name: 'A' });
    const b = sandbox.admin.seedContact({ Last_Name: 'B' });
    sandbox.admin.deleteContact(a); // 09:00:00.250
    now += 600;
    sandbox.admin.deleteContact(b); // 09:00:00.850, the same second
    const same = await (await list('type=all', { 'if-modified-since': '2026-11-02T08:59:59+00:00' })).json() as Listed;
    expect(same.data.map((d) => d.id).sort()).toEqual([a, b].sort());
    expect(same.data[0]?.deleted_time).toBe('2026-11-02T09:00:00+00:00');
    // "after" the second: a delete at that very second is not listed
    const none = await list('type=all', { 'if-modified-since': '2026-11-02T09:00:00+00:00' });
    expect(none.status).toBe(304);
    expect(await none.text()).toBe('');
    // the same instant written with another offset
    expect((await list('type=all', { 'if-modified-since': '2026-11-02T14:29:59+05:30' })).status).toBe(200);
    expect((await list('type=all', { 'if-modified-since': 'Mon, 02 Nov 2026 08:00:00 GMT' })).status).toBe(400);
  });
});
