import type { Contact } from '../../preload/schemas/contact';
import type { Connection } from '../../main/store/connections';
import type { PushContext, PushItem } from '../../main/sync/connector';
import { createSalesforceConnector, mapContact } from '../../main/crm/salesforce';
import { startSalesforceSandbox, type SalesforceSandbox, type SalesforceSandboxOptions } from '../../main/sandbox/salesforce';
import { EMPTY_MAPPING } from '../../preload/schemas/mapping';

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
    id: 1, cardId: 1, kind: 'salesforce', label: 'Salesforce', status: 'connected', mode: 'manual', intervalMinutes: null, direction: 'push',
    config: { baseUrl, object }, mapping: EMPTY_MAPPING, lastSuccessAt: null, lastError: null, lastErrorDetail: null, createdAt: 0, updatedAt: 0, disconnectedAt: null,
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

/** A contact with every kind of value: 3 e-mails, 3 phones, 2 addresses, a website, tags, custom fields, notes, a meeting. */
export const full = (over: Partial<Contact> = {}): Contact => contact(1, {
  emails: [{ value: 'ada@example.com', label: 'work' }, { value: 'ada@home.example', label: 'personal' }, { value: 'countess@example.org' }],
  phones: [
    { raw: '+1 415 555 0100', label: 'work', e164: '+14155550100' },
    { raw: '+1 415 555 0101', label: 'mobile', e164: '+14155550101' },
    { raw: '+1 415 555 0102', label: 'pager', e164: '+14155550102' },
  ],
  website: 'https://ada.example',
  addresses: [
    { label: 'office', street: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
    { label: 'home', street: '9 Elm Rd', city: 'Oakland', region: 'CA', postalCode: '94601', country: 'US' },
  ],
  tags: ['vip', 'boats'],
  customFields: { 'Lead source': 'Trade show', 'Shoe size': '38' },
  notes: 'Likes sailing.',
  meeting: { at: '2025-01-05', place: 'Lisbon', event: 'Web Summit', notes: 'Wants a demo' },
  ...over,
});

/** Every value a rep typed into `c`, as it should appear somewhere on the Salesforce record. */
export const everyValue = (c: Contact): string[] => [
  c.firstName, c.lastName, c.title, c.company, c.website, c.notes,
  ...c.emails.map((e) => e.value), ...c.phones.map((p) => p.e164 ?? p.raw), ...c.tags, ...Object.values(c.customFields),
  ...c.addresses.flatMap((a) => [a.street, a.city, a.region, a.postalCode, a.country]),
  c.meeting.at ?? '', c.meeting.place, c.meeting.event, c.meeting.notes,
].filter(Boolean);

/** Maps through the connector (after prepare, so with what describe said), as the engine does. */
export async function pushed(hh: Harness, c: Contact, externalId: string | null = null, previous: Contact | null = null): Promise<string> {
  const item: PushItem = {
    contactId: c.id, contactVersion: c.version, uid: c.uid, externalId, aux: {}, contact: c,
    payload: hh.connector.map(c, hh.conn), previousPayload: previous ? hh.connector.map(previous, hh.conn) : {},
  };
  const [result] = await hh.connector.push([item], hh.rec.ctx);
  if (result?.outcome !== 'created' && result?.outcome !== 'updated') throw new Error(`push failed: ${JSON.stringify(result)}`);
  return result.externalId;
}
