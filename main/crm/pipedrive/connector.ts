import { pipedrive } from '../../../destinations/pipedrive';
import { SyncError, type Connector, type PushContext, type PushItem, type PushResult } from '../../sync/connector';
import { pipedriveApi, type PersonField, type PipedriveApi } from './api';
import { toSyncError } from './errors';
import { FerryIdIndex } from './ferry-index';
import { defaultTarget, fieldViews, OWN_KEYS, readCurrentValues, wireValue } from './field-schema';
import { ensureFerryFields, type FerryFieldKeys } from './fields';
import { mapContact } from './mapping';
import { pushPersons } from './push';
import { pipedriveNotReadable, pipedriveReadableFields } from './pull-fields';
import { pullPipedrivePage, stampFerryIds } from './pull';
import { readDeletedPersons } from './deleted-records';
import { PipedriveHttpError, type PipedriveAuth } from './transport';

interface PipedriveConnectorOptions {
  /** read before every request, so a refreshed token is used at once; never logged */
  credential: () => Promise<string>;
  auth: PipedriveAuth;
  /** https://api.pipedrive.com, the company's api_domain (OAuth), or a sandbox */
  baseUrl?: string;
  /** per request; default 30 s */
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * Contacts per push. Each contact is its own request (Pipedrive has no batch
 * endpoint for persons); 50 keeps the work a failed request forces the engine
 * to retry small, and one refresh page of the Ferry ID index covers a push.
 */
export const PIPEDRIVE_PUSH_SIZE = 50;
const DEFAULT_TIMEOUT_MS = 30_000;
const PARALLEL_BATCHES = 4;

/**
 * Burst limits per token over a rolling 2 s, by plan (Lite, Growth, Premium,
 * Ultimate): API tokens 20/40/100/120, OAuth apps 80/160/400/480
 * (pipedrive.readme.io/docs/core-api-concepts-rate-limiting). Ferry starts at
 * Lite's and follows the `x-ratelimit-limit` Pipedrive sends.
 */
const OAUTH_BURST = { requests: 80, perMs: 2_000 } as const;

export function createPipedriveConnector(options: PipedriveConnectorOptions): Connector {
  const now = options.now ?? Date.now;
  let keys: FerryFieldKeys | undefined;
  const index = new FerryIdIndex(() => {
    if (!keys) throw new Error('the Ferry ID field is looked up before the index is used');
    return keys.ferryId;
  });

  /** the account's person fields, listed when the mapping first needs them (describe, or a push with a mapped field) */
  let schema: Promise<Map<string, PersonField>> | null = null;
  const fieldsOf = (api: PipedriveApi, fresh = false): Promise<Map<string, PersonField>> => {
    if (fresh || !schema) {
      schema = api.personFields().then((list) => new Map(list.map((f) => [f.field_code, f])));
      schema.catch(() => { schema = null; });
    }
    return schema;
  };

  /** Pipedrive's next_cursor for the pull in flight (pull.ts): never stored, its lifetime is undocumented */
  const pullCursors = new Map<string, { cursor: string; since: string | undefined }>();

  const apiFor = (ctx: PushContext): PipedriveApi => pipedriveApi({
    baseUrl: options.baseUrl ?? pipedrive.defaultApiBase ?? 'https://api.pipedrive.com',
    credential: options.credential,
    auth: options.auth,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    hooks: ctx,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function guarded<T>(ctx: PushContext, run: (api: PipedriveApi) => Promise<T>): Promise<T> {
    try {
      return await run(apiFor(ctx));
    } catch (error) {
      if (error instanceof PipedriveHttpError) throw toSyncError(error, now());
      throw error;
    }
  }

  return {
    kind: 'pipedrive',
    capabilities: {
      batchSize: PIPEDRIVE_PUSH_SIZE,
      rateLimit: options.auth === 'oauth' ? OAUTH_BURST : pipedrive.rateLimit,
      // one request per contact: a few batches at once keep the burst window busy over a real network's latency
      concurrency: PARALLEL_BATCHES,
    },
    map: (contact) => mapContact(contact),
    // bump when mapping.ts or person-body.ts change what is sent: every contact is re-planned
    mappingKey: () => 'pipedrive-mapping-1',

    prepare: (ctx) => guarded(ctx, async (api) => {
      const me = await api.currentUser();
      keys = await ensureFerryFields(api);
      return {
        ...(me.companyId === null ? {} : { account: String(me.companyId) }),
        ...(me.companyDomain ? { appHost: `${me.companyDomain}.pipedrive.com` } : {}),
      };
    }),

    push: (items: PushItem[], ctx: PushContext): Promise<PushResult[]> => guarded(ctx, async (api) => {
      if (items.length > PIPEDRIVE_PUSH_SIZE) throw new SyncError('invalid_request', `Ferry sends at most ${PIPEDRIVE_PUSH_SIZE} contacts to Pipedrive at once.`);
      if (items.length === 0) return [];
      keys ??= await ensureFerryFields(api);
      const mapped = items.some((i) => Object.keys(i.payload).some((k) => !OWN_KEYS.has(k) && !k.startsWith('__')));
      const fields = mapped ? await fieldsOf(api) : new Map<string, PersonField>();
      return pushPersons({ api, keys, index, wire: (code, text) => wireValue(fields.get(code), text) }, items);
    }),

    describeFields: (ctx) => guarded(ctx, async (api) => fieldViews([...(await fieldsOf(api, true)).values()])),
    defaultTarget: (field) => defaultTarget(field),
    readCurrent: (items, fields, ctx) => guarded(ctx, async (api) => {
      keys ??= await ensureFerryFields(api);
      return readCurrentValues(api, index, items, fields);
    }),

    // Pull (docs/pull.md): persons changed since the newest update_time applied, Ferry ID stamped on the ones linked
    readableFields: (connection) => ({ read: pipedriveReadableFields(), notRead: pipedriveNotReadable(connection.mapping) }),
    pull: (cursor, readKeys, ctx) => guarded(ctx, async (api) => {
      keys ??= await ensureFerryFields(api);
      return pullPipedrivePage({ api, ferryIdKey: keys.ferryId, cursors: pullCursors }, cursor, readKeys);
    }),
    stampLinks: (links, ctx) => guarded(ctx, async (api) => {
      keys ??= await ensureFerryFields(api);
      await stampFerryIds(api, keys.ferryId, index, links);
    }),
    // CRM→Ferry deletes (docs/pull.md "Deletes in Pipedrive"): v1 recents from the position kept after the last read
    deletedRecords: (ctx, since) => guarded(ctx, (api) => readDeletedPersons(api, since, now())),
  };
}
