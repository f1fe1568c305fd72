import type { HubSpotApis } from './api';
import type { Done, NoteWork } from './notes';

/**
 * HubSpot's cap on association batch reads: at most 1000 ids per request
 * (developer changelog, "Bug Fix: Batch Read Limit for HubSpot Associations API",
 * effective 2025-02-10); object batch reads take 100.
 */
const ASSOCIATION_READS_PER_CALL = 1000;
const NOTE_READS_PER_CALL = 100;

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** A note's text as a person reads it: HubSpot keeps note bodies as rich text, Ferry writes plain text. */
function noteText(body: string): string {
  return body
    .replace(/<br\s*\/?>/giu, '\n')
    .replace(/<[^>]*>/gu, '')
    .replace(/&nbsp;/gu, ' ')
    .replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&amp;/gu, '&')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * For notes Ferry is about to create on records that already existed: the
 * notes those records already carry with the same text (a push whose answer was
 * lost created them), adopted instead of created again. Reads the records'
 * note associations (v4 batch read) and those notes' bodies; whole-request
 * failures are thrown for the engine like any other call.
 */
export async function adoptExistingNotes(apis: HubSpotApis, works: NoteWork[]): Promise<Done[]> {
  if (works.length === 0) return [];
  const notesOf = new Map<string, string[]>();
  for (const chunk of chunks([...new Set(works.map((w) => w.contactRecordId))], ASSOCIATION_READS_PER_CALL)) {
    const page = await apis.associations.getPage('contacts', 'notes', { inputs: chunk.map((id) => ({ id })) });
    for (const r of page.results ?? []) notesOf.set(String(r._from.id), r.to.map((t) => String(t.toObjectId)));
  }
  const noteIds = [...new Set([...notesOf.values()].flat())];
  const textOf = new Map<string, string>();
  for (const chunk of chunks(noteIds, NOTE_READS_PER_CALL)) {
    const read = await apis.notes.read({ inputs: chunk.map((id) => ({ id })), properties: ['hs_note_body'], propertiesWithHistory: [] });
    for (const note of read.results ?? []) textOf.set(String(note.id), noteText(note.properties.hs_note_body ?? ''));
  }
  return works.flatMap((work): Done[] => {
    const wanted = noteText(work.body);
    const match = (notesOf.get(work.contactRecordId) ?? []).find((id) => textOf.get(id) === wanted);
    return match ? [{ work, outcome: { ok: true, noteId: match } }] : [];
  });
}
