import { AssociationSpecAssociationCategoryEnum, type SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/notes/index';
import { AssociationTypes } from '@hubspot/api-client';
import type { PushItem } from '../../sync/connector';
import type { HubSpotApis } from './api';
import { crmErrorText, parseErrorBody, propertyValueErrors, rejectionSentence } from './errors';
import { sendIsolating, type IsolationPlan } from './isolate';
import { NOTE_KEY } from './mapping';
import type { HubSpotHttpError } from './transport';
import { adoptExistingNotes } from './existing-notes';

/**
 * A contact's Ferry notes live in ONE HubSpot note associated with the contact
 * (notes are not a contact property). Its id is kept in the link's aux
 * (`{ noteId }`), so a changed note is updated in place, never re-created.
 *
 * - body changed and a note id is known → batch update (PATCH semantics);
 * - notes cleared in Ferry → the HubSpot note is archived (batch archive), not left
 *   as an empty note on the timeline; writing notes again creates a new one;
 * - no note id and a body → batch create with the note→contact association
 *   (type 202, AssociationTypes.noteToContact);
 * - a note deleted in HubSpot (update answers "not found") → created again.
 *
 * Every kind of call carries up to 100 notes, pooled over all the contacts of a
 * push (see HUBSPOT_PUSH_SIZE), so a push costs as few note calls as possible.
 *
 * Crash safety: HubSpot notes have no key to upsert on, so a crash after HubSpot
 * created a note but before Ferry saved its id would make the next push create a
 * second one. Such a push finds the contact already in HubSpot (the upsert says
 * it was not new) with no note id saved: before creating, Ferry reads that
 * record's notes (existing-notes.ts) and adopts one whose text is what it would
 * write. A contact HubSpot reports as new cannot have a note yet, so a first push
 * costs nothing extra.
 */

const NOTE_TO_CONTACT = AssociationTypes.noteToContact;

/** HubSpot's batch endpoints take at most 100 inputs. */
const NOTES_PER_CALL = 100;

function chunked<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += NOTES_PER_CALL) out.push(xs.slice(i, i + NOTES_PER_CALL));
  return out;
}

/** Sends the entries in calls of at most 100, isolating refusals within each call. */
async function sendChunked<T, R>(entries: T[], plan: IsolationPlan<T, R>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunked(entries)) out.push(...(await sendIsolating(chunk, plan)));
  return out;
}

export interface NoteWork {
  item: PushItem;
  /** the HubSpot contact the note belongs to */
  contactRecordId: string;
  body: string;
  noteId: string | undefined;
  /** the HubSpot record existed before this push and Ferry has no note id: a note of ours may already be there */
  mayExist: boolean;
}

/** `transient`: HubSpot did not refuse the note, it just did not confirm it (try again later). */
export type NoteOutcome = { ok: true; noteId: string | undefined } | { ok: false; message: string; crmError: string; transient: boolean };

/** The note work for an item just written to `contactRecordId`, or null when the note is unchanged. */
export function noteWork(item: PushItem, contactRecordId: string, recordExisted: boolean): NoteWork | null {
  const body = item.payload[NOTE_KEY] ?? '';
  const previous = item.previousPayload[NOTE_KEY] ?? '';
  const noteId = item.aux.noteId || undefined;
  if (noteId) return body === previous ? null : { item, contactRecordId, body, noteId, mayExist: false };
  // no note yet: create one as soon as there is something to say
  return body ? { item, contactRecordId, body, noteId: undefined, mayExist: recordExisted } : null;
}

export type Done = { work: NoteWork; outcome: NoteOutcome };

function failedWith(work: NoteWork, error: HubSpotHttpError): Done {
  const message = parseErrorBody(error.body).message ?? '';
  const [detail] = propertyValueErrors(message);
  return {
    work,
    outcome: {
      ok: false,
      message: detail ? rejectionSentence(detail, undefined) : `HubSpot did not accept the notes of this contact: ${message || `HTTP ${error.status}`}`,
      crmError: crmErrorText(error),
      transient: false,
    },
  };
}

function namedNotes(error: HubSpotHttpError, works: NoteWork[]): Map<NoteWork, Done> {
  const ids = new Set(Object.values(parseErrorBody(error.body).context ?? {}).flat());
  const out = new Map<NoteWork, Done>();
  for (const w of works) if (ids.has(w.contactRecordId) || (w.noteId && ids.has(w.noteId))) out.set(w, failedWith(w, error));
  return out;
}

/** Pairs created notes with their work: by trace id, else by position (HubSpot keeps input order). */
function pairCreated(works: NoteWork[], results: SimplePublicObject[]): Done[] {
  const byTrace = new Map(results.filter((r) => r.objectWriteTraceId).map((r) => [r.objectWriteTraceId, r]));
  const positional = byTrace.size === 0 && results.length === works.length;
  return works.map((work, i) => {
    const r = positional ? results[i] : byTrace.get(String(work.item.contactId));
    return r?.id
      ? { work, outcome: { ok: true, noteId: String(r.id) } }
      : { work, outcome: { ok: false, message: 'HubSpot did not confirm the notes of this contact. Ferry will send them again.', crmError: 'no result for this note', transient: true } };
  });
}

function createPlan(apis: HubSpotApis, now: () => number): IsolationPlan<NoteWork, Done> {
  return {
    send: async (works) => {
      const timestamp = new Date(now()).toISOString();
      const response = await apis.notes.create({
        inputs: works.map((w) => ({
          properties: { hs_note_body: w.body, hs_timestamp: timestamp },
          associations: [{ to: { id: w.contactRecordId }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: NOTE_TO_CONTACT }] }],
          objectWriteTraceId: String(w.item.contactId),
        })),
      });
      return pairCreated(works, response.results ?? []);
    },
    named: namedNotes,
    alone: async (work, error) => failedWith(work, error),
  };
}

/** An update's result: done, or the note is gone in HubSpot and must be created again. */
type Updated = Done | { work: NoteWork; recreate: true };

function updatePlan(apis: HubSpotApis): IsolationPlan<NoteWork, Updated> {
  return {
    send: async (works) => {
      const response = await apis.notes.update({ inputs: works.map((w) => ({ id: w.noteId ?? '', properties: { hs_note_body: w.body } })) });
      const updated = new Set((response.results ?? []).map((r) => String(r.id)));
      return works.map((w): Updated => {
        const id = w.noteId ?? '';
        if (updated.has(id)) return { work: w, outcome: { ok: true, noteId: id } };
        // HubSpot answers OBJECT_NOT_FOUND for a note deleted there; any note it did
        // not confirm is created again, since the contact still needs its note
        return { work: w, recreate: true };
      });
    },
    named: namedNotes,
    alone: async (work, error) => failedWith(work, error),
  };
}

/**
 * Archives the HubSpot notes of contacts whose notes were cleared. A note already
 * gone in HubSpot is fine: archiving is idempotent there.
 */
async function archiveNotes(apis: HubSpotApis, works: NoteWork[]): Promise<Done[]> {
  const out: Done[] = [];
  for (const chunk of chunked(works)) {
    await apis.notes.archive({ inputs: chunk.map((w) => ({ id: w.noteId ?? '' })) });
    out.push(...chunk.map((work): Done => ({ work, outcome: { ok: true, noteId: undefined } })));
  }
  return out;
}

/**
 * Creates, updates or archives the notes; one outcome per work item, keyed by Ferry
 * contact id. Whole-request failures (429, 5xx, network, auth) are thrown for the engine.
 */
export async function syncNotes(apis: HubSpotApis, works: NoteWork[], now: () => number): Promise<Map<number, NoteOutcome>> {
  const archived = await archiveNotes(apis, works.filter((w) => w.noteId && !w.body));
  const results = await sendChunked(works.filter((w) => w.noteId && w.body), updatePlan(apis));
  const updated = results.filter((r): r is Done => !('recreate' in r));
  const recreate = results.filter((r) => 'recreate' in r).map((r) => ({ ...r.work, noteId: undefined }));
  const toCreate = [...works.filter((w) => !w.noteId), ...recreate].filter((w) => w.body);
  const adopted = await adoptExistingNotes(apis, toCreate.filter((w) => w.mayExist));
  const adoptedWorks = new Set(adopted.map((d) => d.work));
  const created = await sendChunked(toCreate.filter((w) => !adoptedWorks.has(w)), createPlan(apis, now));
  const outcomes = new Map<number, NoteOutcome>();
  for (const { work, outcome } of [...archived, ...updated, ...adopted, ...created]) outcomes.set(work.item.contactId, outcome);
  return outcomes;
}
