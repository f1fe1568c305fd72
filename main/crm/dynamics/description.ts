/**
 * The contact's Description column (Details tab): the notes, then a "From Ferry"
 * block with one labelled line per value that has no column of its own.
 *
 * Invariants: pure and deterministic; never longer than MAX_DESCRIPTION_CHARS;
 * when it would be, the notes are cut first with a visible marker so the block
 * (values that are nowhere else in Dynamics 365) stays whole. The full text stays in Ferry.
 */

/** contact.description is a Multiple Lines of Text column of 2,000 characters (contact table reference, Description MaxLength). */
export const MAX_DESCRIPTION_CHARS = 2_000;
export const FROM_FERRY_HEADING = 'From Ferry';
export const CUT_MARKER = '[… cut by Ferry: Dynamics 365 keeps 2,000 characters here; the full text is in Ferry.]';

export interface FerryLine {
  label: string;
  value: string;
}

function cut(text: string, budget: number): string {
  let kept = '';
  for (const ch of text) {
    if (kept.length + ch.length > budget) break;
    kept += ch;
  }
  return kept;
}

export function description(notes: string, lines: readonly FerryLine[]): string {
  const text = notes.replace(/\r\n?/g, '\n').trim();
  const block = lines.length === 0 ? '' : [FROM_FERRY_HEADING, ...lines.map((l) => `${l.label}: ${l.value}`)].join('\n');
  const whole = [text, block].filter(Boolean).join('\n\n');
  if (whole.length <= MAX_DESCRIPTION_CHARS) return whole;
  const room = MAX_DESCRIPTION_CHARS - block.length - CUT_MARKER.length - 3;
  if (block && room >= 0) {
    const kept = cut(text, room).trimEnd();
    return `${kept ? `${kept}\n` : ''}${CUT_MARKER}\n\n${block}`;
  }
  return `${cut(block || text, MAX_DESCRIPTION_CHARS - CUT_MARKER.length - 2)}\n\n${CUT_MARKER}`;
}
