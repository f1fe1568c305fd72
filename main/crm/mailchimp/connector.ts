import { z } from 'zod';
import { SyncError, type Connector, type PushContext, type PushItem, type PushResult } from '../../sync/connector';
import { mailchimp } from '../../../destinations/mailchimp';
import { mailchimpApiRoot } from './api-base';
import { toSyncError } from './errors';
import type { CrmFieldView } from '../../../preload/schemas/mapping';
import { readCurrentValues } from './current-values';
import { defaultTarget, FERRY_KEY, listMergeFields, wireValue } from './field-schema';
import { customFieldNames, mapContact, MERGE_FIELDS, MEMBER_KEYS, type MergeFieldSpec } from './mapping';
import { MergeFieldRegistry } from './merge-fields';
import { MAILCHIMP_BATCH_MEMBERS, memberAttemptKey, pushMembers, type MailchimpCall } from './members';
import { mailchimpReadableFields, MAILCHIMP_NOT_READABLE } from './pull-fields';
import { listArchivedMembers, pullMailchimpPage, stampFerryIds } from './pull';
import { mailchimpRequest, MailchimpHttpError, type MailchimpCredential } from './transport';
import { readBatchArchive } from './batch-archive';
import { stampBatchOutcome } from './stamp-outcome';

interface MailchimpConnectorOptions {
  credential: MailchimpCredential;
  /** the API root when the connection names one (a sandbox: http://127.0.0.1:PORT/3.0); else from the key */
  baseUrl?: string;
  /** the audience (list) id the rep chose; absent: the account's only audience */
  audience?: string;
  /** per request; default Mailchimp's own 120-second timeout (Fundamentals → API limits) */
  fetchTimeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Mailchimp closes any API call after 120 seconds (Fundamentals → API limits). */
const MAILCHIMP_TIMEOUT_MS = 120_000;
/**
 * Pushes in flight at once: Mailchimp allows 10 simultaneous connections per
 * user, shared with the account's other apps; the limiter's 8 slots cap Ferry's
 * open requests, and 4 pushes (each a subscribe batch and an add-as-non-subscribed
 * batch sent together) keep them busy.
 */
const CONCURRENT_BATCHES = 4;

const rootSchema = z.object({ account_id: z.string().optional().catch(undefined), account_name: z.string().optional().catch(undefined) }).passthrough();
const listsSchema = z.object({ lists: z.array(z.object({ id: z.string(), name: z.string().optional() }).passthrough()).catch([]) }).passthrough();

export function createMailchimpConnector(options: MailchimpConnectorOptions): Connector {
  const now = options.now ?? Date.now;
  const mergeFields = new MergeFieldRegistry();
  let listId: string | undefined = options.audience;

  const callFor = async (ctx: PushContext): Promise<MailchimpCall> => {
    const root = mailchimpApiRoot(options.credential.style === 'api-key' ? await options.credential.secret() : '', options.baseUrl);
    return (method, path, body) => mailchimpRequest(method, path, body, {
      root, credential: options.credential, timeoutMs: options.fetchTimeoutMs ?? MAILCHIMP_TIMEOUT_MS, hooks: ctx, ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  };

  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof MailchimpHttpError) throw toSyncError(error, now());
      throw error;
    }
  }

  /** The audience exists (GET /lists/{id}); with none chosen, the account's only one. */
  async function resolveAudience(call: MailchimpCall): Promise<string> {
    if (options.audience !== undefined) {
      try {
        await call('GET', `/lists/${encodeURIComponent(options.audience)}?fields=id,name`);
      } catch (error) {
        if (error instanceof MailchimpHttpError && error.status === 404) {
          throw new SyncError('config', `Mailchimp has no audience with the ID '${options.audience}' in this account. Copy it from Audience → Settings → Audience name and defaults, and connect again.`, { status: 404 });
        }
        throw error;
      }
      return options.audience;
    }
    const { lists } = listsSchema.parse(await call('GET', '/lists?count=2&fields=lists.id,lists.name'));
    if (lists.length !== 1) {
      throw new SyncError('config', lists.length === 0 ? 'This Mailchimp account has no audience yet. Create one in Mailchimp, then connect again.' : 'This Mailchimp account has several audiences: connect again and enter the ID of the one Ferry should use.');
    }
    return (lists[0] as { id: string }).id;
  }

  /** merge fields for the custom fields these items send by default (one the mapping sends elsewhere needs none) */
  function customSpecs(items: PushItem[]): MergeFieldSpec[] {
    const specs = new Map<string, MergeFieldSpec>();
    for (const item of items) for (const [tag, name] of customFieldNames(item.contact)) if (tag in item.payload) specs.set(tag, { tag, name: name.slice(0, 100), type: 'text' });
    return [...specs.values()];
  }

  /** the audience's merge fields with their types, listed when the mapping first needs them */
  let schema: Promise<Map<string, CrmFieldView>> | null = null;
  const fieldsFor = (call: MailchimpCall, audience: string, fresh = false): Promise<Map<string, CrmFieldView>> => {
    if (fresh || !schema) {
      schema = listMergeFields(call, audience).then((list) => new Map(list.map((f) => [f.name, f])));
      schema.catch(() => { schema = null; });
    }
    return schema;
  };
  const ownTags = new Set<string>([...MEMBER_KEYS, ...MERGE_FIELDS.map((f) => f.tag)]);

  return {
    kind: 'mailchimp',
    capabilities: { batchSize: MAILCHIMP_BATCH_MEMBERS, rateLimit: mailchimp.rateLimit, concurrency: CONCURRENT_BATCHES },
    map: (contact) => mapContact(contact),
    mappingKey: () => 'mailchimp-mapping-1',
    attemptKey: memberAttemptKey,

    prepare: (ctx) =>
      guarded(async () => {
        const call = await callFor(ctx);
        mergeFields.forgetRefusals();
        // three reads at once (one round trip, not three): the account, the audience and its fields;
        // a missing audience is reported as such, whatever else failed with it
        const chosen = options.audience;
        const [account, audience, fields] = await Promise.allSettled([
          call('GET', '/?fields=account_id,account_name'),
          resolveAudience(call),
          chosen === undefined ? Promise.resolve() : mergeFields.load(call, chosen),
        ]);
        if (audience.status === 'rejected') throw audience.reason;
        if (account.status === 'rejected') throw account.reason;
        if (fields.status === 'rejected') throw fields.reason;
        const root = rootSchema.parse(account.value);
        listId = audience.value;
        if (chosen === undefined) await mergeFields.load(call, listId);
        await mergeFields.ensure(call, listId, MERGE_FIELDS);
        return root.account_id ? { account: root.account_id } : {};
      }),

    push: (items: PushItem[], ctx) =>
      guarded(async (): Promise<PushResult[]> => {
        if (items.length === 0) return [];
        const call = await callFor(ctx);
        listId ??= await resolveAudience(call);
        await mergeFields.ensure(call, listId, [...MERGE_FIELDS, ...customSpecs(items)]);
        const mapped = items.some((i) => { const custom = customFieldNames(i.contact); return Object.keys(i.payload).some((k) => !ownTags.has(k) && !custom.has(k)); });
        const fields = mapped ? await fieldsFor(call, listId) : new Map<string, CrmFieldView>();
        return pushMembers({ call, listId, refusedFields: mergeFields.refused, wire: (tag, text) => wireValue(fields.get(tag), text) }, items);
      }),

    describeFields: (ctx) =>
      guarded(async () => {
        const call = await callFor(ctx);
        listId ??= await resolveAudience(call);
        return [...(await fieldsFor(call, listId, true)).values()];
      }),
    defaultTarget: (field) => defaultTarget(field),
    readCurrent: (items, fields, ctx) =>
      guarded(async () => {
        const call = await callFor(ctx);
        listId ??= await resolveAudience(call);
        return readCurrentValues(call, listId, items, fields);
      }),

    // pull (pull.ts, pull-fields.ts, docs/pull.md): members by last_changed, paced by the same limiter as pushes
    readableFields: () => ({ read: mailchimpReadableFields(), notRead: MAILCHIMP_NOT_READABLE }),
    pull: (cursor, keys, ctx) =>
      guarded(async () => {
        const call = await callFor(ctx);
        listId ??= await resolveAudience(call);
        return pullMailchimpPage(call, listId, cursor, keys);
      }),
    stampLinks: (links, ctx) =>
      guarded(async () => {
        const call = await callFor(ctx);
        listId ??= await resolveAudience(call);
        // an audience with no room for FERRYID (MergeFieldRegistry.refused) cannot hold the stamp
        if (mergeFields.refused.has(FERRY_KEY)) return;
        return stampFerryIds(call, listId, links);
      }),
    // a stamp batch sent by an earlier pull: its status, and its results when some stamp was refused
    stampOutcome: (batchId, ctx) =>
      guarded(async () => stampBatchOutcome(await callFor(ctx), batchId, (url) => readBatchArchive(url, {
        signal: ctx.signal, timeoutMs: options.fetchTimeoutMs ?? MAILCHIMP_TIMEOUT_MS, ...(options.fetch ? { fetch: options.fetch } : {}),
      }))),
    deletedRecords: (ctx) =>
      guarded(async () => {
        const call = await callFor(ctx);
        listId ??= await resolveAudience(call);
        return { records: await listArchivedMembers(call, listId) };
      }),
  };
}
