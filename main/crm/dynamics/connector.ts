import { z } from 'zod';
import { SyncError, type Connector, type PushContext } from '../../sync/connector';
import { ensureFerryIdKey } from './ferry-id-key';
import { defaultTarget, fieldViews, listColumns, mappedKeys, readCurrentValues, upsertBody, type DynamicsColumn } from './field-schema';
import { MAPPING_VERSION, mapContact } from './mapping';
import { upsertBatch } from './push';
import { pullDynamicsPage, stampFerryIds } from './pull';
import { readDeletedContacts } from './deleted-records';
import { DYNAMICS_NOT_READABLE, dynamicsReadableFields } from './pull-fields';
import { DataverseHttpError, send, type TransportOptions } from './transport';
import { API_PATH, MAX_BATCH_REQUESTS, SERVICE_PROTECTION } from './wire';

export interface DynamicsConnectorOptions {
  /** the organisation URL (https://org.crm.dynamics.com, or a sandbox on loopback) */
  orgUrl: string;
  /** read before every request, so a refreshed token is used at once; never logged */
  accessToken: () => Promise<string>;
  /** per request; default 120 s, Dataverse's own limit on one operation */
  timeoutMs?: number;
}

/**
 * Upserts per `$batch`. Dataverse allows 1,000, but Microsoft advises against large
 * batches: a batch counts once against the 6,000-request limit, while its execution
 * time (20 minutes per 5-minute window) grows with its size (api-limits, "Avoid
 * large batches"). 200 keeps calls per contact at 0.005 and one batch's work small.
 */
export const DYNAMICS_BATCH_SIZE = 200;
/** batches in flight at once: far under the 52 concurrent requests allowed, so other apps of the same user keep room */
const CONCURRENT_BATCHES = 2;
const DEFAULT_TIMEOUT_MS = 120_000;

const whoAmISchema = z.object({ UserId: z.string().optional(), OrganizationId: z.string().optional() }).passthrough();

/** A whole request Dataverse refused for a reason the transport left to us (a 4xx): the sentence, with Dataverse's words. */
function asSyncError(error: unknown): unknown {
  if (!(error instanceof DataverseHttpError)) return error;
  const crmError = `HTTP ${error.status} ${error.code ?? ''} ${error.crmMessage}`.replace(/\s+/g, ' ').trim().slice(0, 4_000);
  if (error.status === 404) return new SyncError('config', 'Dynamics 365 did not recognise Ferry\'s request. Check the organisation address of this connection.', { status: 404, crmError });
  return new SyncError('invalid_request', `Dynamics 365 refused Ferry's request: ${error.crmMessage || `HTTP ${error.status}`}`, { status: error.status, crmError });
}

export function createDynamicsConnector(options: DynamicsConnectorOptions): Connector {
  if (MAX_BATCH_REQUESTS < DYNAMICS_BATCH_SIZE) throw new RangeError('a $batch holds at most 1,000 requests');
  const orgUrl = options.orgUrl.replace(/\/+$/, '');
  // the Ferry ID column this organisation uses, once prepare found (or made) it
  let ferryIdColumn: string | undefined;
  /** the contact table's columns, read when the mapping first needs them (describe, or a push with a mapped column) */
  let columns: Promise<Map<string, DynamicsColumn>> | null = null;
  const transport = (ctx: PushContext): TransportOptions => ({ orgUrl, accessToken: options.accessToken, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, hooks: ctx });
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw asSyncError(error);
    }
  };

  const columnsFor = (t: TransportOptions, fresh = false): Promise<Map<string, DynamicsColumn>> => {
    if (fresh || !columns) {
      columns = listColumns(t, ferryIdColumn).then((list) => new Map(list.map((c) => [c.name, c])));
      columns.catch(() => { columns = null; });
    }
    return columns;
  };

  return {
    kind: 'dynamics',
    capabilities: {
      batchSize: DYNAMICS_BATCH_SIZE,
      rateLimit: { requests: SERVICE_PROTECTION.requests, perMs: SERVICE_PROTECTION.windowMs },
      concurrency: CONCURRENT_BATCHES,
    },
    map: (contact) => mapContact(contact),
    mappingKey: () => MAPPING_VERSION,

    prepare: (ctx) => guarded(async () => {
      const t = transport(ctx);
      const me = whoAmISchema.parse(JSON.parse((await send({ method: 'GET', path: `${API_PATH}/WhoAmI` }, t)).text || '{}'));
      ferryIdColumn = await ensureFerryIdKey(t);
      return me.OrganizationId ? { account: me.OrganizationId } : {};
    }),

    push: (items, ctx) => guarded(async () => {
      if (items.length === 0) return [];
      if (items.length > DYNAMICS_BATCH_SIZE) throw new RangeError(`Ferry sends at most ${DYNAMICS_BATCH_SIZE} contacts per $batch, got ${items.length}`);
      const t = transport(ctx);
      ferryIdColumn ??= await ensureFerryIdKey(t);
      const known = mappedKeys(items).length > 0 ? await columnsFor(t) : new Map<string, DynamicsColumn>();
      return upsertBatch(items, ferryIdColumn, t, (payload) => upsertBody(payload, (name) => known.get(name)));
    }),

    describeFields: (ctx) => guarded(async () => {
      const t = transport(ctx);
      ferryIdColumn ??= await ensureFerryIdKey(t);
      return fieldViews([...(await columnsFor(t, true)).values()]);
    }),
    defaultTarget: (field) => defaultTarget(field),
    readCurrent: (items, fields, ctx) => guarded(async () => {
      const t = transport(ctx);
      ferryIdColumn ??= await ensureFerryIdKey(t);
      return readCurrentValues(t, ferryIdColumn, items, fields);
    }),

    // pull (docs/pull.md): contacts by (modifiedon, contactid), Ferry's id stamped on the ones a pull links
    readableFields: () => ({ read: dynamicsReadableFields(), notRead: DYNAMICS_NOT_READABLE }),
    pull: (cursor, keys, ctx) => guarded(async () => {
      const t = transport(ctx);
      ferryIdColumn ??= await ensureFerryIdKey(t);
      return pullDynamicsPage(t, ferryIdColumn, keys, cursor);
    }),
    stampLinks: (links, ctx) => guarded(async () => {
      const t = transport(ctx);
      ferryIdColumn ??= await ensureFerryIdKey(t);
      await stampFerryIds(t, ferryIdColumn, links);
    }),
    // CRM→Ferry deletes (docs/pull.md): change tracking's $deletedEntity entries, from the delta link kept after the last read
    deletedRecords: (ctx, since) => guarded(() => readDeletedContacts(transport(ctx), since, Date.now())),
  };
}
