import { afterEach, beforeEach } from 'vitest';
import type { Contact } from '../../preload/schemas/contact';
import { createHubSpotConnector, type HubSpotConnector } from '../../main/crm/hubspot/connector';
import { startHubSpotSandbox, type HubSpotSandbox, type HubSpotSandboxOptions } from '../../main/sandbox/hubspot';
import type { Connection } from '../../main/store/connections';
import type { PushContext, PushItem, PushResult } from '../../main/sync/connector';
import { EMPTY_MAPPING } from '../../preload/schemas/mapping';

export const TOKEN = 'pat-na1-ferry-connector-test';

export const connection: Connection = {
  id: 1, cardId: 1, kind: 'hubspot', label: 'HubSpot', status: 'connected', mode: 'manual', intervalMinutes: null, direction: 'push',
  config: {}, mapping: EMPTY_MAPPING, lastSuccessAt: null, lastError: null, lastErrorDetail: null, createdAt: 0, updatedAt: 0, disconnectedAt: null,
};

export interface Fixture {
  sandbox: HubSpotSandbox;
  hs: HubSpotConnector;
  ctx: PushContext;
  /** every request's limit report, in order */
  after: Array<{ status: number; remaining?: number; limit?: number; intervalMs?: number }>;
  /** request paths Ferry sent, in order */
  paths: string[];
}

/** A HubSpot sandbox and a connector against it, fresh for each test of the file. */
export function connectorFixture(options: HubSpotSandboxOptions = {}): Fixture {
  const f = {} as Fixture;
  beforeEach(async () => {
    f.sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN, ...options });
    const paths: string[] = [];
    const tracingFetch: typeof fetch = (input, init) => {
      paths.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    f.hs = createHubSpotConnector({ accessToken: async () => TOKEN, basePath: f.sandbox.url, fetchTimeoutMs: 5_000, fetch: tracingFetch });
    f.after = [];
    f.paths = paths;
    f.ctx = {
      connection,
      beforeRequest: async () => undefined,
      afterResponse: (info) => { f.after.push(info); },
      signal: new AbortController().signal,
    };
  });
  afterEach(async () => { await f.sandbox.close(); });
  return f;
}

let nextId = 1;
export function contact(over: Partial<Contact> = {}): Contact {
  const id = nextId++;
  return {
    id, uid: `uid-${id}-${Math.random().toString(36).slice(2, 8)}`, cardId: 1,
    firstName: `First${id}`, lastName: 'Test', emails: [{ value: `person${id}@example.com` }], phones: [],
    company: 'Acme', title: '', website: '', addresses: [], notes: '', tags: [], customFields: {},
    meeting: { at: null, place: '', event: '', notes: '' }, source: 'manual', hasAvatar: false, hasLogo: false,
    createdAt: 0, updatedAt: 0, deletedAt: null, version: 1, ...over,
  };
}

/** What the engine keeps per link between pushes. */
export interface Link { externalId: string | null; payload: Record<string, string | null>; aux: Record<string, string> }

export function item(hs: HubSpotConnector, c: Contact, link?: Link): PushItem {
  return {
    contactId: c.id, contactVersion: c.version, uid: c.uid, externalId: link?.externalId ?? null,
    payload: hs.map(c, connection), previousPayload: link?.payload ?? {}, aux: link?.aux ?? {}, contact: c,
  };
}

export function linkOf(i: PushItem, r: PushResult | undefined): Link {
  if (!r || (r.outcome !== 'created' && r.outcome !== 'updated')) throw new Error(`not written: ${JSON.stringify(r)}`);
  return { externalId: r.externalId, payload: i.payload, aux: r.aux ?? {} };
}

/** A contact written straight to the sandbox, as another user or app would (not through Ferry). */
export async function seedHubSpotContact(sandbox: HubSpotSandbox, properties: Record<string, string>): Promise<string> {
  const res = await fetch(`${sandbox.url}/crm/v3/objects/contacts`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ properties }),
  });
  const body = (await res.json()) as { id: string };
  return body.id;
}
