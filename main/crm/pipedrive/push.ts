import { SyncError, type PushItem, type PushResult } from '../../sync/connector';
import type { PipedriveApi } from './api';
import { isRecordError, rejectionSentence, crmErrorText } from './errors';
import type { FerryIdIndex } from './ferry-index';
import type { FerryFieldKeys } from './fields';
import { personBody, type WireValue } from './person-body';
import { PipedriveHttpError } from './transport';

/**
 * One batch of contacts → Pipedrive persons. Pipedrive has no batch or upsert
 * endpoint for persons, so each contact is one request:
 * 1. linked (the stored person id) → PATCH /v2/persons/{id}; a 404 means the
 *    person was deleted in Pipedrive, and the contact is matched again below;
 * 2. not linked → looked up by its Ferry ID (ferry-index.ts): one person →
 *    PATCH it (the contact was created before, its link was lost); several →
 *    a conflict for the rep; none → POST /v2/persons with the Ferry ID set.
 * A crash at any point leaves either nothing, or a person carrying the uid
 * that step 2 finds on the next run: never a second person.
 *
 * Requests within a batch go one after another (the engine runs a few batches
 * at once, capabilities.concurrency, and its limiter paces every request). The
 * first failure of a whole request (429, 5xx, 401, network) stops the batch and
 * is thrown; what it wrote before is found again by its Ferry ID when the batch
 * is retried.
 */

interface PushDeps {
  api: PipedriveApi;
  keys: FerryFieldKeys;
  index: FerryIdIndex;
  /** types the mapped custom fields' values (field-schema.ts) */
  wire?: WireValue;
}

type Task = () => Promise<void>;

async function runInOrder(tasks: Task[]): Promise<void> {
  for (const task of tasks) await task();
}

const rejected = (item: PushItem, error: PipedriveHttpError): PushResult =>
  ({ contactId: item.contactId, outcome: 'rejected', message: rejectionSentence(error), crmError: crmErrorText(error) });

export async function pushPersons(deps: PushDeps, items: PushItem[]): Promise<PushResult[]> {
  const { api, keys, index } = deps;
  const results = new Map<number, PushResult>();
  const gone: PushItem[] = [];

  const write = async (item: PushItem, personId: number | null): Promise<void> => {
    const body = personBody(item.payload, keys, deps.wire);
    try {
      const id = personId === null ? await api.addPerson(body) : await api.updatePerson(personId, body);
      index.remember(item.uid, id);
      results.set(item.contactId, { contactId: item.contactId, outcome: personId === null ? 'created' : 'updated', externalId: String(id) });
    } catch (error) {
      if (isRecordError(error)) results.set(item.contactId, rejected(item, error));
      else throw error;
    }
  };

  const linked = items.filter((i) => i.externalId !== null);
  await runInOrder(linked.map((item) => async () => {
    const id = Number(item.externalId);
    try {
      await write(item, id);
    } catch (error) {
      if (!(error instanceof PipedriveHttpError && (error.status === 404 || error.status === 410))) throw error;
      index.forget(item.uid, id);
      gone.push(item);
    }
  }));

  const unlinked = [...items.filter((i) => i.externalId === null), ...gone];
  const found = await index.lookUp(api, unlinked.map((i) => i.uid));
  await runInOrder(unlinked.map((item) => async () => {
    const ids = found.get(item.uid) ?? [];
    if (ids.length > 1) {
      results.set(item.contactId, {
        contactId: item.contactId, outcome: 'conflict', candidates: ids.map(String), crmError: `${ids.length} persons carry Ferry ID ${item.uid}`,
        message: `Pipedrive has ${ids.length} people with this contact's Ferry ID, and Ferry will not guess. Merge them in Pipedrive, then sync again.`,
      });
      return;
    }
    await write(item, ids[0] ?? null);
  }));

  return items.map((item) => {
    const result = results.get(item.contactId);
    if (!result) throw new SyncError('server', 'Pipedrive did not confirm every contact. Ferry will send them again.');
    return result;
  });
}
