/**
 * The Description text of a Salesforce Contact or Lead (the long text field on
 * the Details tab): the contact's notes, then a "From Ferry" block with one
 * labelled line for every value that has no field of its own in the org.
 *
 * Invariants:
 * - pure and deterministic: the same notes and lines always give the same text;
 * - never longer than MAX_DESCRIPTION_CHARS (Salesforce's Long Text Area limit);
 *   when it would be, the notes are cut first, with a visible marker, so the
 *   "From Ferry" block (the values that are nowhere else in Salesforce) stays whole;
 *   only a block that alone is too long is itself cut. The full text stays in Ferry.
 */

/** Salesforce's Description is a Long Text Area of 32,000 characters. */
export const MAX_DESCRIPTION_CHARS = 32_000;
export const FROM_FERRY_HEADING = 'From Ferry';
export const CUT_MARKER = `[… cut by Ferry: Salesforce keeps ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')} characters; the full text is in Ferry.]`;

export interface FerryLine {
  label: string;
  value: string;
}

/** At most `budget` UTF-16 units of `text`, cut on a code-point boundary so no surrogate pair is split. */
function cut(text: string, budget: number): string {
  let kept = '';
  for (const ch of text) {
    if (kept.length + ch.length > budget) break;
    kept += ch;
  }
  return kept;
}

function fromFerryBlock(lines: FerryLine[]): string {
  if (lines.length === 0) return '';
  return [FROM_FERRY_HEADING, ...lines.map((l) => `${l.label}: ${l.value}`)].join('\n');
}

export function description(notes: string, lines: FerryLine[]): string {
  const text = notes.replace(/\r\n?/g, '\n').trim();
  const block = fromFerryBlock(lines);
  const whole = [text, block].filter(Boolean).join('\n\n');
  if (whole.length <= MAX_DESCRIPTION_CHARS) return whole;
  // notes, a line break, the marker, a blank line, the block
  const room = MAX_DESCRIPTION_CHARS - block.length - CUT_MARKER.length - 3;
  if (block && room >= 0) {
    const kept = cut(text, room).trimEnd();
    return `${kept ? `${kept}\n` : ''}${CUT_MARKER}\n\n${block}`;
  }
  return `${cut(block || text, MAX_DESCRIPTION_CHARS - CUT_MARKER.length - 2)}\n\n${CUT_MARKER}`;
}
