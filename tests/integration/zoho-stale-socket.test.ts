import { describe, expect, it } from 'vitest';
import { send } from '../../main/crm/zoho/transport';
import { closesFirstSockets } from '../support/closing-sockets';
import { syncError } from '../support/sync-error';

/**
 * A kept-alive socket that the server closed while Ferry was busy (applying a page of
 * 2,000 pulled records can take seconds on a loaded laptop) fails the next request
 * before it reaches Zoho. A request that only reads or that may be repeated is sent
 * once more; CI saw a first pull of 4,500 records fail as "Ferry can't reach Zoho CRM"
 * when its third COQL page met such a socket.
 */
/** The first request's socket is destroyed before any answer; every later one is answered. */
async function closesFirstSocket(): Promise<{ base: string; seen: string[] }> {
  const crm = await closesFirstSockets({ body: '{"data":[]}' });
  return { base: `${crm.origin}/crm/v8`, seen: crm.seen };
}

const transport = {
  accessToken: async () => '1000.stale-socket-token',
  hooks: { beforeRequest: async () => undefined, afterResponse: () => undefined, signal: new AbortController().signal },
  timeoutMs: 30_000, dailyCredits: () => undefined, onCredits: () => undefined,
};

describe('Zoho CRM: a request that met a closed kept-alive socket', () => {
  const resent: ['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown][] = [
    ['POST', '/coql', { select_query: 'select id from Contacts limit 200' }],
    ['PUT', '/Contacts', { data: [{ id: '1', Ferry_Id: 'u1' }] }],
    ['GET', '/Contacts/deleted?type=all', undefined],
    ['DELETE', '/Contacts?ids=1', undefined],
  ];
  for (const [method, path, body] of resent) {
    it(`${method} ${path} (a read, or the same outcome twice) is sent once more`, async () => {
      const crm = await closesFirstSocket();
      expect((await send(method, `${crm.base}${path}`, body, transport)).status).toBe(200);
      expect(crm.seen).toHaveLength(2);
    });
  }

  it('POST /Contacts/upsert is not repeated here: its outcome is unknown, and the outbox keeps the contacts for the next try', async () => {
    const crm = await closesFirstSocket();
    expect(await syncError(send('POST', `${crm.base}/Contacts/upsert`, { data: [] }, transport))).toMatchObject({ kind: 'network' });
    expect(crm.seen).toHaveLength(1);
  });
});
