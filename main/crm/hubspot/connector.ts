import { PartialPushError, SyncError, type Connector, type PushContext, type PushItem, type PushResult } from '../../sync/connector';
import { DEFAULT_BASE_PATH, hubSpotApis, type HubSpotApis } from './api';
import { isRecordLevel, toSyncError } from './errors';
import { customFieldProperty, FERRY_PROPERTIES, mapContact } from './mapping';
import { noteWork, syncNotes, type NoteOutcome } from './notes';
import { PropertyRegistry } from './properties';
import { HubSpotHttpError, type TransportOptions } from './transport';
import { readAccountDetails } from './account';
import { AcceptedUpserts, entryFor, MissingPropertiesError, upsertContacts } from './upsert';
import { companyDomain } from '../shared/company-key';
import { COMPANY_DOMAIN_KEY, companyFailure, companyWork, linkCompanies, type CompanyOutcome } from './companies';
import { ensureCompanyKey } from './company-property';
import type { Contact } from '../../../preload/schemas/contact';
import type { Connection } from '../../store/connections';
import { defaultTarget, fieldViews, readCurrentValues } from './field-schema';
import { hubSpotReadableFields, HUBSPOT_NOT_READABLE } from './pull-fields';
import { pullHubSpotPage, stampFerryIds } from './pull';
import { listArchivedContacts } from './archived';

interface HubSpotConnectorOptions {
  /** read before every request, so a refreshed token is used at once; never logged */
  accessToken: () => Promise<string>;
  /** API root; the sandbox's loopback URL in tests and demos */
  basePath?: string;
  /** per request, from sending to the last byte of the answer; default 30 s */
  fetchTimeoutMs?: number;
  /** OAuth apps get 110 requests / 10 s, private apps 100 */
  auth?: 'private-app' | 'oauth';
  /** time source for note timestamps and Retry-After dates */
  now?: () => number;
  /** for tests that need a failing network; defaults to Node's fetch */
  fetch?: typeof fetch;
}

export interface HubSpotConnector extends Connector {
  /**
   * Creates the Ferry properties among `names` that HubSpot lacks (custom-field
   * properties get `labels`' names); returns the ones created.
   */
  ensureProperties(names: Iterable<string>, ctx: PushContext, labels?: ReadonlyMap<string, string>): Promise<string[]>;
}

/** HubSpot's batch endpoints take at most 100 inputs per call (contacts and notes alike). */
const HUBSPOT_BATCH_SIZE = 100;
/**
 * Contacts per push: twenty upsert calls of 100, whose notes are pooled into note
 * calls of up to 100. Pushing 100 at a time made every batch with any note cost a
 * second, mostly empty note call (0.0201 calls per contact at 40 % notes); pooled
 * over 2,000 contacts, 4 in 10 with notes cost 20 + 8 calls (0.0140), and the last,
 * partly filled note call of a push is spread over more contacts. The price: a crash
 * forgets the answers of up to 2,000 contacts, which the upserts' keys make harmless
 * to resend (a note created in that window may be created twice; see notes.ts).
 */
export const HUBSPOT_PUSH_SIZE = 2_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** Any failure of a whole request, in the engine's terms. Bugs are rethrown untouched. */
function asSyncError(error: unknown, now: number, portalTimeZone: string | undefined): unknown {
  if (error instanceof HubSpotHttpError) return toSyncError(error, now, portalTimeZone);
  if (error instanceof MissingPropertiesError) {
    return new SyncError('config', `HubSpot has no field ${error.names.join(', ')} and Ferry could not create it. Reconnect HubSpot.`, {
      status: error.response.status,
      crmError: error.names.join(', '),
    });
  }
  return error;
}

function customFieldLabels(items: PushItem[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const item of items) for (const name of Object.keys(item.contact.customFields)) labels.set(customFieldProperty(name), name);
  return labels;
}

/** The contact result once its note went through (or did not). */
function withNote(result: PushResult, item: PushItem, note: NoteOutcome | undefined): PushResult {
  if (result.outcome !== 'created' && result.outcome !== 'updated') return result;
  if (!note) return { ...result, aux: { ...item.aux } };
  if (!note.ok) {
    const message = `The contact reached HubSpot, but its notes did not: ${note.message}`;
    return note.transient
      ? { contactId: result.contactId, outcome: 'retry', message, crmError: note.crmError }
      : { contactId: result.contactId, outcome: 'rejected', message, crmError: note.crmError };
  }
  const aux: Record<string, string> = { ...item.aux };
  if (note.noteId) aux.noteId = note.noteId;
  else delete aux.noteId;
  return { ...result, aux };
}

/** The contact result once its company link went through (or did not). */
function withCompany(result: PushResult, company: CompanyOutcome | undefined): PushResult {
  if ((result.outcome !== 'created' && result.outcome !== 'updated') || !company) return result;
  if (!company.ok) {
    return company.transient
      ? { contactId: result.contactId, outcome: 'retry', message: company.message, crmError: company.crmError }
      : { contactId: result.contactId, outcome: 'rejected', message: company.message, crmError: company.crmError };
  }
  const aux: Record<string, string> = { ...(result.aux ?? {}) };
  if (company.companyId) aux.companyId = company.companyId;
  else delete aux.companyId;
  return { ...result, aux };
}

/** How long what account-info said (portal id, uiDomain, time zone) is taken as still true by a new process. */
export const ACCOUNT_RECHECK_MS = 24 * 60 * 60 * 1000;

/**
 * What an earlier prepare learned from GET /account-info/v3/details, when it is less than
 * ACCOUNT_RECHECK_MS old: a portal's id never changes, its uiDomain and time zone seldom, so
 * an agent or window starting again does not spend one of the portal's shared calls on it
 * (a reconnect forgets `accountReadAt`, so new credentials are always asked about).
 */
function knownAccount(config: Connection['config'], at: number): { portalId: string; uiDomain?: string; timeZone?: string } | null {
  const readAt = config.accountReadAt;
  if (!config.account || readAt === undefined || at - readAt < 0 || at - readAt >= ACCOUNT_RECHECK_MS) return null;
  return { portalId: config.account, ...(config.appHost ? { uiDomain: config.appHost } : {}), ...(config.timeZone ? { timeZone: config.timeZone } : {}) };
}

/** The config value that says contacts are linked to companies (anything else says why not). */
const COMPANIES_LINKED = 'linked';

/** The company keys of the payload, when this connection links companies (see companies.ts). */
function companyPayload(contact: Contact, connection: Connection): Record<string, string> {
  if (connection.config.companies !== COMPANIES_LINKED) return {};
  return { [COMPANY_DOMAIN_KEY]: companyDomain(contact) };
}

export function createHubSpotConnector(options: HubSpotConnectorOptions): HubSpotConnector {
  const basePath = options.basePath ?? DEFAULT_BASE_PATH;
  const now = options.now ?? Date.now;
  // what the portal has; one per connector, so prepare's listing serves every push
  const registry = new PropertyRegistry();
  // the portal's time zone, once account-info said it (the daily limit resets at its midnight)
  let portalTimeZone: string | undefined;
  // contacts HubSpot took before a 429 cut their push short: not upserted again on the retry
  const accepted = new AcceptedUpserts(now);

  const transportFor = (ctx: PushContext): TransportOptions =>
    ({ accessToken: options.accessToken, timeoutMs: options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS, hooks: ctx, now, fetch: options.fetch });
  const apisFor = (ctx: PushContext): HubSpotApis => hubSpotApis(basePath, transportFor(ctx));

  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw asSyncError(error, now(), portalTimeZone);
    }
  }

  async function upsertWithProperties(apis: HubSpotApis, items: PushItem[]): Promise<PushResult[]> {
    const entries = items.map((item) => entryFor(item));
    const labels = customFieldLabels(items);
    await registry.ensure(apis, entries.flatMap((e) => Object.keys(e.properties)), labels);
    try {
      return await upsertContacts(apis, entries);
    } catch (error) {
      if (!(error instanceof MissingPropertiesError)) throw error;
      // deleted in HubSpot since Ferry listed them: create them again, once
      registry.reset();
      await registry.ensure(apis, error.names, labels);
      return upsertContacts(apis, entries);
    }
  }

  /** Company links of the contacts this push wrote; a refusal of the company step is theirs alone. */
  async function linkCompaniesOf(apis: HubSpotApis, items: PushItem[], results: PushResult[], ctx: PushContext): Promise<Map<number, CompanyOutcome>> {
    const byId = new Map(items.map((item) => [item.contactId, item]));
    const works = results.flatMap((r) => {
      const item = byId.get(r.contactId);
      const work = item && (r.outcome === 'created' || r.outcome === 'updated') ? companyWork(item, r.externalId) : null;
      return work ? [work] : [];
    });
    if (works.length === 0 || !ctx.companies) return new Map();
    try {
      // the search draws on HubSpot's search limit, not on the ten-second window (docs/vendor-facts.md 7)
      return await linkCompanies(apis, works, ctx.companies, ctx.search ? apisFor(ctx.search) : apis);
    } catch (error) {
      if (!(error instanceof HubSpotHttpError) || !isRecordLevel(error)) throw error;
      const failure = companyFailure(error);
      return new Map(works.map((w) => [w.item.contactId, failure]));
    }
  }

  /**
   * The notes and company links of the contacts the upserts wrote, then one
   * result per item, in the items' order. Whole-request failures are thrown.
   */
  async function completeWritten(apis: HubSpotApis, items: PushItem[], results: PushResult[], ctx: PushContext): Promise<PushResult[]> {
    const byId = new Map(items.map((item) => [item.contactId, item]));
    const works = results.flatMap((r) => {
      const item = byId.get(r.contactId);
      const work = item && (r.outcome === 'created' || r.outcome === 'updated') ? noteWork(item, r.externalId, r.outcome === 'updated') : null;
      return work ? [work] : [];
    });
    const notes = await syncNotes(apis, works, now);
    const companies = await linkCompaniesOf(apis, items, results, ctx);
    const byContact = new Map(results.map((r) => [r.contactId, r]));
    return items.map((item): PushResult => {
      const result = byContact.get(item.contactId);
      if (!result) throw new Error(`no HubSpot result for contact ${item.contactId}`);
      return withCompany(withNote(result, item, notes.get(item.contactId)), companies.get(item.contactId));
    });
  }

  /**
   * HubSpot refused upsert call k of a push after accepting calls 1..k-1 (issue 19):
   * those contacts are written, so they are settled and only the rest is sent again
   * (the portal's budget is the whole team's). After a 5xx, a timeout or a network
   * failure their notes and company links are tried at once. After a 429 no call is
   * made: contacts that need no note or company step are settled, the others go
   * again with the rest, and their upsert is not sent twice (AcceptedUpserts); when
   * the notes were tried and failed, they are upserted again (keyed on e-mail or
   * ferry_id) and their notes found again (notes.ts), so nothing doubles.
   */
  async function refusedPartWay(apis: HubSpotApis, items: PushItem[], written: PushResult[], refusal: SyncError, ctx: PushContext): Promise<PartialPushError> {
    const done = new Set(written.map((r) => r.contactId));
    const writtenItems = items.filter((item) => done.has(item.contactId));
    const tryNextSteps = refusal.kind === 'server' || refusal.kind === 'timeout' || refusal.kind === 'network';
    if (tryNextSteps) {
      try {
        return new PartialPushError(refusal, await completeWritten(apis, writtenItems, written, ctx));
      } catch (error) {
        if (!(asSyncError(error, now(), portalTimeZone) instanceof SyncError)) throw error;
      }
    }
    const byId = new Map(writtenItems.map((item) => [item.contactId, item]));
    const settled = written.flatMap((r): PushResult[] => {
      const item = byId.get(r.contactId);
      if (!item) return [];
      if (r.outcome !== 'created' && r.outcome !== 'updated') return [r];
      const pending = noteWork(item, r.externalId, r.outcome === 'updated') !== null || (ctx.companies !== undefined && companyWork(item, r.externalId) !== null);
      if (!pending) return [withNote(r, item, undefined)];
      if (!tryNextSteps) accepted.remember(item, r);
      return [];
    });
    return new PartialPushError(refusal, settled);
  }

  return {
    kind: 'hubspot',
    capabilities: {
      batchSize: HUBSPOT_PUSH_SIZE,
      rateLimit: { requests: options.auth === 'oauth' ? 110 : 100, perMs: 10_000 },
      // "The search endpoints are rate limited to five requests per second" (per token):
      // developers.hubspot.com/docs/api-reference/2026-03/crm/search-the-crm, Limitations
      searchRateLimit: { requests: 5, perMs: 1_000 },
    },

    map: (contact, connection) => ({ ...mapContact(contact), ...companyPayload(contact, connection) }),
    // bump when mapping.ts changes what it sends: every contact is then re-planned
    mappingKey: (connection) => `hubspot-mapping-1${connection.config.companies === COMPANIES_LINKED ? '+companies-1' : ''}`,

    prepare: (ctx) =>
      guarded(async () => {
        const apis = apisFor(ctx);
        await registry.load(apis);
        await registry.ensure(apis, FERRY_PROPERTIES);
        const companies = await ensureCompanyKey(apis);
        const known = knownAccount(ctx.connection.config, now());
        const { portalId, uiDomain, timeZone } = known ?? await readAccountDetails(basePath, transportFor(ctx));
        portalTimeZone = timeZone ?? portalTimeZone;
        return {
          ...(portalId === undefined ? {} : { account: portalId, accountReadAt: known ? ctx.connection.config.accountReadAt : now() }),
          ...(uiDomain === undefined ? {} : { appHost: uiDomain }),
          ...(timeZone === undefined ? {} : { timeZone }),
          companies: companies.ok ? COMPANIES_LINKED : `not linked: ${companies.reason}`,
        };
      }),

    readBack: (ids, fields, ctx) =>
      guarded(async () => {
        const apis = apisFor(ctx);
        const held = new Map<string, Record<string, string | null>>();
        for (let i = 0; i < ids.length; i += HUBSPOT_BATCH_SIZE) {
          const read = await apis.contacts.read({ inputs: ids.slice(i, i + HUBSPOT_BATCH_SIZE).map((id) => ({ id })), properties: fields, propertiesWithHistory: [] });
          for (const record of read.results ?? []) held.set(String(record.id), record.properties);
        }
        return held;
      }),

    readableFields: () => ({ read: hubSpotReadableFields(), notRead: HUBSPOT_NOT_READABLE }),
    pull: (cursor, keys, ctx) => guarded(() => pullHubSpotPage(apisFor(ctx), apisFor(ctx.search), cursor, keys, now())),
    stampLinks: (links, ctx) => guarded(() => stampFerryIds(apisFor(ctx), links)),
    deletedRecords: (ctx) => guarded(async () => ({ records: await listArchivedContacts(apisFor(ctx)) })),

    describeFields: (ctx) => guarded(async () => fieldViews((await apisFor(ctx).properties.getAll('contacts')).results)),
    defaultTarget: (field) => defaultTarget(field),
    readCurrent: (items, fields, ctx) => guarded(() => readCurrentValues(apisFor(ctx), items, fields)),

    ensureProperties: (names, ctx, labels) => guarded(() => registry.ensure(apisFor(ctx), names, labels)),

    push: (items, ctx) =>
      guarded(async () => {
        if (items.length > HUBSPOT_PUSH_SIZE) throw new RangeError(`Ferry pushes at most ${HUBSPOT_PUSH_SIZE} contacts to HubSpot at once, got ${items.length}`);
        if (items.length === 0) return [];
        const apis = apisFor(ctx);
        const results: PushResult[] = [];
        const toSend: PushItem[] = [];
        for (const item of items) {
          const earlier = accepted.take(item);
          if (earlier) results.push(earlier);
          else toSend.push(item);
        }
        for (let i = 0; i < toSend.length; i += HUBSPOT_BATCH_SIZE) {
          try {
            results.push(...(await upsertWithProperties(apis, toSend.slice(i, i + HUBSPOT_BATCH_SIZE))));
          } catch (error) {
            const refusal = asSyncError(error, now(), portalTimeZone);
            // nothing written yet (or a bug): the whole push fails as it is
            if (results.length === 0 || !(refusal instanceof SyncError)) throw refusal;
            throw await refusedPartWay(apis, items, results, refusal, ctx);
          }
        }
        return completeWritten(apis, items, results, ctx);
      }),
  };
}
