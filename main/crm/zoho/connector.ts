import { zoho, zohoWriteCredits } from '../../../destinations/zoho';
import { checkEndpoint } from '../../policy/endpoint-policy';
import { SyncError, type Connector, type PushContext, type PushItem, type PushResult } from '../../sync/connector';
import { toSyncError } from './errors';
import { defaultTarget, fieldViews, listFields, readCurrentValues, wireValue, type ZohoField } from './field-schema';
import { ensureFerryIdField } from './fields';
import { mapContact } from './mapping';
import { appHostFor, readOrg, type OrgInfo } from './org';
import { readDeletedContacts } from './deleted-records';
import { pullZohoPage, stampFerryIds, type ZohoPullDeps } from './pull';
import { zohoReadableFields, ZOHO_NOT_READABLE } from './pull-fields';
import { send, type TransportOptions } from './transport';
import { mappedKeys, upsertContacts } from './upsert';

interface ZohoConnectorOptions {
  /** read before every request, so a refreshed token is used at once; never logged */
  accessToken: () => Promise<string>;
  /** the account's API domain (www.zohoapis.eu, the token's api_domain, or a sandbox), no path */
  apiDomain: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The API version Ferry speaks ("What's new in V8", zoho.com/crm/developer/docs/api/v8/). */
export const ZOHO_API_VERSION = 'v8';
/** Records per upsert call (upsert-records.html). */
export const ZOHO_BATCH_SIZE = 100;
/**
 * Upsert calls Ferry keeps in flight at once. Zoho's concurrency limit is per org
 * and app, 5 on Free up to 25 on Ultimate (api-limits.html): two leave room for
 * the team's other laptops and the org's other integrations on every edition.
 */
export const ZOHO_CONCURRENCY = 2;

export function createZohoConnector(options: ZohoConnectorOptions): Connector {
  const check = checkEndpoint(options.apiDomain, { what: 'Zoho CRM API address', vendor: 'zoho' });
  if (!check.ok) throw new SyncError('config', check.reason);
  const apiBase = `${options.apiDomain.replace(/\/+$/, '')}/crm/${ZOHO_API_VERSION}`;
  let org: OrgInfo = {};
  /** what Zoho last said the org has left of its credits (X-API-CREDITS-REMAINING), if it said */
  let creditsRemaining: number | undefined;
  let fieldReady = false;
  /** the Contacts fields, listed when the mapping first needs them (describe, or a push that sends a mapped field) */
  let schema: Promise<Map<string, ZohoField>> | null = null;

  const creditsCover = (cost: number): boolean => creditsRemaining === undefined || creditsRemaining >= cost;
  const transportFor = (ctx: PushContext): TransportOptions => ({
    accessToken: options.accessToken, hooks: ctx, timeoutMs: options.timeoutMs ?? 30_000, fetch: options.fetch,
    dailyCredits: () => org.dailyCredits, onCredits: (n) => { creditsRemaining = n; },
  });

  const pullDeps = (ctx: PushContext): ZohoPullDeps => ({ apiBase, transport: transportFor(ctx), creditsCover });

  const fieldsFor = (transport: TransportOptions, fresh = false): Promise<Map<string, ZohoField>> => {
    if (fresh || !schema) {
      schema = listFields(apiBase, transport, () => creditsCover(1)).then((list) => new Map(list.map((f) => [f.api_name, f])));
      schema.catch(() => { schema = null; });
    }
    return schema;
  };

  return {
    kind: 'zoho',
    capabilities: { batchSize: ZOHO_BATCH_SIZE, rateLimit: zoho.rateLimit, concurrency: ZOHO_CONCURRENCY },
    map: (contact) => mapContact(contact),
    // bump when mapping.ts changes what it sends: every contact is then planned again
    mappingKey: () => 'zoho-mapping-1',

    prepare: async (ctx) => {
      const transport = transportFor(ctx);
      const answer = await send('GET', `${apiBase}/org`, undefined, transport);
      if (answer.status !== 200) throw toSyncError(answer, { creditsCovered: creditsCover(1) });
      org = readOrg(answer.json);
      await ensureFerryIdField(apiBase, transport, () => creditsCover(1));
      fieldReady = true;
      const appHost = appHostFor(options.apiDomain);
      return { ...(org.account ? { account: org.account } : {}), ...(appHost ? { appHost } : {}) };
    },

    push: async (items: PushItem[], ctx: PushContext): Promise<PushResult[]> => {
      if (items.length > ZOHO_BATCH_SIZE) throw new RangeError(`Ferry pushes at most ${ZOHO_BATCH_SIZE} contacts to Zoho CRM at once, got ${items.length}`);
      if (items.length === 0) return [];
      const transport = transportFor(ctx);
      if (!fieldReady) {
        await ensureFerryIdField(apiBase, transport, () => creditsCover(1));
        fieldReady = true;
      }
      const fields = mappedKeys(items).length > 0 ? await fieldsFor(transport) : new Map<string, ZohoField>();
      return upsertContacts({ apiBase, transport, creditsCover: (cost) => creditsCover(cost), wire: (key, text) => wireValue(fields.get(key), text) }, items);
    },

    describeFields: async (ctx) => fieldViews([...(await fieldsFor(transportFor(ctx), true)).values()]),
    defaultTarget: (field) => defaultTarget(field),
    readCurrent: (items, fields, ctx) => readCurrentValues(apiBase, transportFor(ctx), () => creditsCover(1), items, fields),

    // ── Pull (pull.ts, docs/pull.md): COQL keyset pages on (Modified_Time, id), paced like pushes ──
    readableFields: () => ({ read: zohoReadableFields(), notRead: ZOHO_NOT_READABLE }),
    pull: async (cursor, keys, ctx) => {
      // the query selects Ferry_Id: a pull-only connection in a new process makes sure it exists, as a push does
      if (!fieldReady) {
        await ensureFerryIdField(apiBase, transportFor(ctx), () => creditsCover(1));
        fieldReady = true;
      }
      return pullZohoPage(pullDeps(ctx), cursor, keys);
    },
    stampLinks: (links, ctx) => stampFerryIds(pullDeps(ctx), links),
    // deleted-records.ts: the whole list once, then If-Modified-Since from the newest deleted_time applied
    deletedRecords: (ctx, since) => readDeletedContacts(pullDeps(ctx), since),
  };
}

/** Credits a push of `contacts` costs at Zoho (1 per 10 records per upsert call). */
export function pushCredits(contacts: number): number {
  let credits = 0;
  for (let left = contacts; left > 0; left -= ZOHO_BATCH_SIZE) credits += zohoWriteCredits(Math.min(left, ZOHO_BATCH_SIZE));
  return credits;
}
