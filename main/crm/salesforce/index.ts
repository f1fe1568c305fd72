import { salesforce } from '../../../destinations/salesforce';
import type { Contact } from '../../../preload/schemas/contact';
import type { Connection } from '../../store/connections';
import { SyncError, type Connector, type PushContext, type PushItem, type PushResult } from '../../sync/connector';
import { describeOrg } from './api';
import { toSyncError } from './errors';
import { lockedStandardFields, mapContact, type SalesforceObject } from './mapping';
import { NO_ORG_FIELDS, type OrgFields } from './org-fields';
import { pushItems } from './push';
import { ACCOUNT_KEY, accountKey, linkAccounts } from './accounts';
import { addFerryIdField as createFerryIdField, ferryIdSentence, type AddFerryIdResult } from './ferry-id-field';
import { defaultTarget, readCurrentValues } from './field-targets';
import { routeObject } from '../../mapping/conditions';
import { API_VERSION, openSession, type Session, type SessionOptions } from './session';
import { readDeletedRecords } from './deleted-records';
import { pullSalesforcePage, stampFerryIds } from './pull';
import { salesforceReadableFields, SALESFORCE_NOT_READABLE } from './pull-fields';

export { mapContact, fieldsToSend, FERRY_ID_FIELD, TAG_SEPARATOR, MAX_DESCRIPTION_CHARS } from './mapping';
export { FERRY_TAGS_FIELD, FERRY_WEBSITE_FIELD, COMPANY_FIELDS, NO_ORG_FIELDS, orgFieldsOf, type OrgFields } from './org-fields';
export { CUT_MARKER, FROM_FERRY_HEADING } from './description';
export { MAX_REFRESHES, API_VERSION } from './session';
export { addFerryIdField, FERRY_ID_METADATA, type AddFerryIdResult } from './ferry-id-field';
export { NEEDS_FERRY_ID } from './push';

interface SalesforceConnectorOptions {
  accessToken: () => Promise<string>;
  /** the org's instance URL (from the token response's `instance_url`, or the sandbox URL) */
  instanceUrl: string;
  /** renews the access token (storing a rotated refresh token first); null when the grant is gone */
  refresh?: () => Promise<string | null>;
  object: SalesforceObject;
  timeoutMs?: number;
}

/**
 * Salesforce has no short-window request limit; orgs cap concurrent long
 * requests and API requests per 24 h. 25 per second keeps Ferry polite; the
 * daily allocation comes back in Sforce-Limit-Info on every answer.
 */
const CAPABILITIES = { batchSize: 200, rateLimit: salesforce.rateLimit } as const;

/**
 * Contacts → Salesforce Contacts or Leads through jsforce. Matching, duplicate
 * rules and errors: see push.ts; the refresh cap: see session.ts; pacing and
 * the limit header: see transport.ts.
 */
interface SalesforceConnector extends Connector {
  /**
   * Adds Ferry_Id__c to Contact and Lead through the Tooling API (see
   * ferry-id-field.ts) and describes the org again. Throws a permission SyncError
   * when the user may not customize the org.
   */
  addFerryIdField(ctx: PushContext): Promise<AddFerryIdResult>;
}

export function createSalesforceConnector(options: SalesforceConnectorOptions): SalesforceConnector {
  const sessionOptions: SessionOptions = {
    instanceUrl: options.instanceUrl, accessToken: options.accessToken,
    ...(options.refresh ? { refresh: options.refresh } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  /**
   * What describe said (Ferry_Id__c, custom text fields); asked once per process
   * (prepare, which the engine runs before it maps anything) or on the first push.
   * The mapping depends on it, so an org that gains Ferry_Tags__c changes the
   * payload of every contact sent from then on, and those are sent again.
   */
  let org: OrgFields | undefined;
  /** describe of the other object (Contact, for converted Leads), asked at most once per process */
  const others = new Map<SalesforceObject, OrgFields>();

  async function guarded<T>(ctx: PushContext, work: (session: Session) => Promise<T>): Promise<T> {
    const session = await openSession(sessionOptions, ctx);
    try {
      return await work(session);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const mapped = toSyncError(error, session);
      if (mapped) throw mapped;
      throw error;
    }
  }

  const objectOf = (connection: Connection): SalesforceObject => connection.config.object ?? options.object;
  /** what describe said about `object` (the connection's own, or the other one under routing) */
  const orgFor = (connection: Connection, object: SalesforceObject): OrgFields => (object === objectOf(connection) ? org : others.get(object)) ?? NO_ORG_FIELDS;
  /**
   * The object a contact is written as. With routing rules (main/mapping/) a new
   * contact goes where the rules say; a contact already in Salesforce stays the
   * record it is (the link's aux says which), so routing never moves a record.
   */
  const recordObject = (connection: Connection, contact: Contact, aux: Readonly<Record<string, string>>): SalesforceObject => {
    const routing = connection.mapping.routing;
    if (!routing) return objectOf(connection);
    return aux.sobject === 'Contact' || aux.sobject === 'Lead' ? aux.sobject : routeObject(routing, contact);
  };

  /** query locators by the pull cursor they continue; in memory only, since Salesforce expires them */
  const locators = new Map<string, string>();
  /** the objects a pull reads: the connection's own, and under routing both */
  const pulledObjects = (connection: Connection): SalesforceObject[] => (connection.mapping.routing ? ['Contact', 'Lead'] : [objectOf(connection)]);

  const addFerryIdField = (ctx: PushContext): Promise<AddFerryIdResult> => guarded(ctx, async (session) => {
    const result = await createFerryIdField(session.conn);
    org = await describeOrg(session.conn, objectOf(ctx.connection));
    others.clear();
    return result;
  });

  return {
    kind: 'salesforce',
    capabilities: CAPABILITIES,
    map: (contact: Contact, connection: Connection, aux = {}) => {
      const object = recordObject(connection, contact, aux);
      const payload = mapContact(contact, object, orgFor(connection, object));
      // a Contact is linked to its company's Account (accounts.ts); a Lead keeps Company as text
      return object === 'Contact' ? { ...payload, [ACCOUNT_KEY]: accountKey(contact) } : payload;
    },
    // bump the version when mapping.ts changes what it sends
    mappingKey: (connection: Connection) => {
      const fields = org ?? NO_ORG_FIELDS;
      return `salesforce-mapping-3+accounts-1:${objectOf(connection)}:${fields.ferryId ? 'ferry-id' : 'email'}:${[...fields.text.keys()].sort().join(',')}:locked=${lockedStandardFields(fields).join(',')}:codes=${[...fields.addressCodes.keys()].join(',')}`;
    },
    prepare: (ctx) => guarded(ctx, async (session) => {
      org = await describeOrg(session.conn, objectOf(ctx.connection));
      // under routing both objects are written: describe the other one too
      const other: SalesforceObject = objectOf(ctx.connection) === 'Lead' ? 'Contact' : 'Lead';
      if (ctx.connection.mapping.routing && !others.has(other)) others.set(other, await describeOrg(session.conn, other));
    }),
    readBack: (ids, fields, ctx) => guarded(ctx, async (session) => {
      const held = new Map<string, Record<string, string | null>>();
      // a routed connection holds both objects: each id's prefix says which (00Q Lead, 003 Contact)
      for (const object of ['Lead', 'Contact'] as const) {
        const own = ids.filter((id) => (object === 'Lead') === id.startsWith('00Q'));
        if (own.length === 0) continue;
        const described = object === objectOf(ctx.connection) ? org ?? NO_ORG_FIELDS : others.get(object) ?? NO_ORG_FIELDS;
        const exists = new Set(described.fields.map((f) => f.name));
        // the payload's own fields that this object has (all plain names when describe has not answered)
        const names = fields.filter((f) => /^[A-Za-z][A-Za-z0-9_]*$/.test(f) && (exists.size === 0 || exists.has(f)) && (f !== 'Ferry_Id__c' || described.ferryId));
        // 40 ids and the payload's fields keep the query URL near the 2,000 characters Salesforce recommends
        for (let i = 0; i < own.length; i += 40) {
          const soql = `SELECT Id${names.map((n) => `, ${n}`).join('')} FROM ${object} WHERE Id IN (${own.slice(i, i + 40).map((id) => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`).join(',')})`;
          const answer = await session.conn.request(`/query?q=${encodeURIComponent(soql)}`) as { records?: Array<Record<string, unknown>> };
          for (const record of answer.records ?? []) {
            held.set(String(record.Id), Object.fromEntries(names.map((name) => [name, record[name] === null || record[name] === undefined ? null : String(record[name])])));
          }
        }
      }
      return held;
    }),
    describeFields: (ctx) => guarded(ctx, async (session) => {
      org ??= await describeOrg(session.conn, objectOf(ctx.connection));
      return [...org.fields];
    }),
    defaultTarget: (field, connection) => defaultTarget(field, objectOf(connection), orgFor(connection, objectOf(connection))),
    readCurrent: (items, fields, ctx) => guarded(ctx, (session) =>
      readCurrentValues(session.conn, (item) => recordObject(ctx.connection, item.contact, item.aux), items, fields)),
    readableFields: (connection) => {
      // under routing a pull reads both objects: each key is queried only on the object that has it
      const read = new Map(pulledObjects(connection).flatMap((o) => salesforceReadableFields(o, orgFor(connection, o))).map((f) => [f.key, f]));
      return { read: [...read.values()], notRead: SALESFORCE_NOT_READABLE };
    },
    pull: (cursor, keys, ctx) => guarded(ctx, async (session) => {
      const own = objectOf(ctx.connection);
      const describe = async (object: SalesforceObject): Promise<OrgFields> => {
        if (object === own) return (org ??= await describeOrg(session.conn, own));
        let described = others.get(object);
        if (!described) { described = await describeOrg(session.conn, object); others.set(object, described); }
        return described;
      };
      return pullSalesforcePage({
        conn: session.conn,
        objects: pulledObjects(ctx.connection),
        locators,
        fieldsOf: async (object) => {
          const described = await describe(object);
          const exists = new Set(described.fields.map((f) => f.name));
          return { keys: keys.filter((k) => exists.has(k)), ferryId: described.ferryId };
        },
      }, cursor);
    }),
    stampLinks: (links, ctx) => guarded(ctx, async (session) => {
      // only an org with Ferry's upsert key can carry it
      if (!(org ??= await describeOrg(session.conn, objectOf(ctx.connection))).ferryId) return;
      await stampFerryIds(session.conn, links);
    }),
    // Get Deleted for each object the pull reads (deleted-records.ts); the clock is this machine's, Salesforce's latestDateCovered corrects it
    deletedRecords: (ctx, since) => guarded(ctx, (session) => readDeletedRecords(session.conn, API_VERSION, pulledObjects(ctx.connection), since, Date.now())),
    addFerryIdField,
    runSetupAction: async (action, ctx) => {
      if (action !== 'add-ferry-id') throw new SyncError('invalid_request', `Ferry cannot set up '${action}' in Salesforce.`);
      const result = await addFerryIdField(ctx);
      return ferryIdSentence(result, org?.ferryId === true);
    },
    push: (items: PushItem[], ctx: PushContext): Promise<PushResult[]> => {
      if (items.length > CAPABILITIES.batchSize) throw new SyncError('invalid_request', `Ferry sends at most ${CAPABILITIES.batchSize} contacts per Salesforce call.`);
      return guarded(ctx, async (session) => {
        const own = objectOf(ctx.connection);
        org ??= await describeOrg(session.conn, own);
        const orgOf = async (other: SalesforceObject): Promise<OrgFields> => {
          let described = other === own ? org : others.get(other);
          if (!described) {
            described = await describeOrg(session.conn, other);
            others.set(other, described);
          }
          return described ?? NO_ORG_FIELDS;
        };
        // Contacts get their company's Account first; a contact whose Account is ambiguous is not written
        const accounts = await linkAccounts(session.conn, items.filter((i) => ACCOUNT_KEY in i.payload), ctx.companies);
        const writable = items.filter((i) => !accounts.results.has(i.contactId));
        const results = new Map<number, PushResult>(accounts.results);
        if (!ctx.connection.mapping.routing) {
          for (const r of await pushItems({ conn: session.conn, object: own, org, orgOf, accountIds: accounts.ids }, writable)) results.set(r.contactId, r);
          return items.map((i) => results.get(i.contactId) as PushResult);
        }
        // routing: each object's contacts in their own calls; the link remembers the object
        for (const object of ['Lead', 'Contact'] as const) {
          const group = writable.filter((i) => recordObject(ctx.connection, i.contact, i.aux) === object);
          if (group.length === 0) continue;
          for (const r of await pushItems({ conn: session.conn, object, org: await orgOf(object), orgOf, accountIds: accounts.ids }, group)) {
            results.set(r.contactId, r.outcome === 'created' || r.outcome === 'updated' ? { ...r, aux: { ...group.find((i) => i.contactId === r.contactId)?.aux, ...r.aux, sobject: r.aux?.sobject ?? object } } : r);
          }
        }
        return items.map((i) => results.get(i.contactId) as PushResult);
      });
    },
  };
}
