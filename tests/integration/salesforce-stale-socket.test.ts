import { describe, expect, it } from 'vitest';
import { API_VERSION, openSession } from '../../main/crm/salesforce/session';
import { closesFirstSockets } from '../support/closing-sockets';
import { syncError } from '../support/sync-error';

/**
 * A kept-alive socket that the server closed while Ferry was busy (applying a page of
 * pulled records can take seconds on a loaded laptop) fails the next request before it
 * reaches Salesforce. A request with an idempotent method is sent once more on a new
 * socket, as jsforce's own transport (which Ferry's replaces) does for the same methods;
 * a POST or PATCH (a collection create or update) is not repeated here: its outcome is
 * unknown, and the engine decides what happens to its contacts.
 */
/** The first request's socket is destroyed before any answer; every later one is answered. */
async function closesFirstSocket(): Promise<{ base: string; seen: string[] }> {
  const crm = await closesFirstSockets({ body: '{"totalSize":0,"done":true,"records":[]}', headers: { 'sforce-limit-info': 'api-usage=10/15000' } });
  return { base: crm.origin, seen: crm.seen };
}

/** A session on `base` whose hooks count the limiter's slots taken and given back. */
async function session(base: string): Promise<{ request(method: string, path: string, body?: string): Promise<unknown>; slots: { taken: number; returned: number } }> {
  const slots = { taken: 0, returned: 0 };
  const { conn } = await openSession({ instanceUrl: base, accessToken: async () => '00Dstale!socket.token' }, {
    beforeRequest: async () => { slots.taken++; },
    afterResponse: () => { slots.returned++; },
    signal: new AbortController().signal,
  });
  return {
    slots,
    request: (method, path, body) => conn.request({ method: method as 'GET', url: `/services/data/v${API_VERSION}${path}`, ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) }),
  };
}

describe('Salesforce: a request that met a closed kept-alive socket', () => {
  const resent: [string, string][] = [
    ['GET', '/query?q=SELECT+Id+FROM+Contact'],
    ['DELETE', '/composite/sobjects?ids=003000000000001AAA'],
  ];
  for (const [method, path] of resent) {
    it(`${method} ${path.split('?')[0]} (a read, or the same outcome twice) is sent once more`, async () => {
      const crm = await closesFirstSocket();
      const sf = await session(crm.base);
      await expect(sf.request(method, path)).resolves.toBeDefined();
      expect(crm.seen).toHaveLength(2);
      // each send asked the rate limiter for a slot and gave it back
      expect(sf.slots).toEqual({ taken: 2, returned: 2 });
    });
  }

  for (const method of ['POST', 'PATCH']) {
    it(`${method} /composite/sobjects is not repeated here: its outcome is unknown, and the outbox keeps the contacts for the next try`, async () => {
      const crm = await closesFirstSocket();
      const sf = await session(crm.base);
      const error = await syncError(sf.request(method, '/composite/sobjects', '{"allOrNone":false,"records":[]}'));
      expect(error).toMatchObject({ kind: 'network', message: 'Ferry could not reach Salesforce. Check the internet connection; Ferry will try again.' });
      expect(crm.seen).toHaveLength(1);
      expect(sf.slots).toEqual({ taken: 1, returned: 1 });
    });
  }

  it('a read whose second socket is closed too fails as "can\'t reach": sent twice, never more', async () => {
    const crm = await closesFirstSockets({ closes: Infinity });
    const sf = await session(crm.origin);
    expect(await syncError(sf.request('GET', '/limits'))).toMatchObject({ kind: 'network' });
    expect(crm.seen).toHaveLength(2);
    expect(sf.slots).toEqual({ taken: 2, returned: 2 });
  });
});
