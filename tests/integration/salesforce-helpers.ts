import type { Contact } from '../../preload/schemas/contact';
import type { Connection } from '../../main/store/connections';
import type { PushContext, PushItem } from '../../main/sync/connector';
import { createSalesforceConnector, mapContact } from '../../main/crm/salesforce';
import { startSalesforceSandbox, type SalesforceSandbox, type SalesforceSandboxOptions } from '../../main/sandbox/salesforce';

export const token = '00DFe0000000001!sandbox-test-token';

export function contact(n: number, over: Partial<Contact> = {}): Contact {
  return {
    id: n, uid: `uid-${n}`, cardId: 1, firstName: `First${n}`, lastName: `Last${n}`,
    emails: [{ value: `person${n}@example.com` }], phones: [{ raw: '+1 415 555 0100', e164: '+14155550100' }],
    company: `Company ${n % 7}`, title: 'Buyer', website: '', addresses: [], notes: '', tags: [], customFields: {},
    meeting: { at: null, place: '', event: '', notes: '' }, source: 'manual', hasAvatar: false, hasLogo: false,
    createdAt: 0, updatedAt: 0, deletedAt: null, version: 1, ...over,
  };
}

export function connection(object: 'Contact' | 'Lead', baseUrl: string): Connection {
  return {
    id: 1, cardId: 1, kind: 'salesforce', label: 'Salesforce', status: 'connected', mode: 'manual', intervalMinutes: null,
    config: { baseUrl, object }, mapping: {}, lastSuccessAt: null, lastError: null, lastErrorDetail: null, createdAt: 0, updatedAt: 0, disconnectedAt: null,
  };
}

export interface Recorder {
  ctx: PushContext;
  before: number;
  after: Array<{ status: number; remaining?: number; limit?: number }>;
}

export function recorder(conn: Connection): Recorder {
  const r: Recorder = {
    before: 0, after: [],
    ctx: {
      connection: conn,
      beforeRequest: async () => { r.before += 1; },
      afterResponse: (info) => { r.after.push(info); },
      signal: new AbortController().signal,
    },
  };
  return r;
}

export function item(c: Contact, object: 'Contact' | 'Lead', externalId: string | null = null): PushItem {
  return { contactId: c.id, contactVersion: c.version, uid: c.uid, externalId, payload: mapContact(c, object), previousPayload: {}, aux: {}, contact: c };
}

export interface Harness {
  sandbox: SalesforceSandbox;
  conn: Connection;
  rec: Recorder;
  connector: ReturnType<typeof createSalesforceConnector>;
  object: 'Contact' | 'Lead';
}

export async function harness(object: 'Contact' | 'Lead', options: SalesforceSandboxOptions = {}, refresh?: () => Promise<string | null>): Promise<Harness> {
  const sandbox = await startSalesforceSandbox({ token, ...options });
  const conn = connection(object, sandbox.url);
  const connector = createSalesforceConnector({ accessToken: async () => token, instanceUrl: sandbox.url, object, ...(refresh ? { refresh } : {}) });
  return { sandbox, conn, rec: recorder(conn), connector, object };
}
