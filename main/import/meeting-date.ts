/**
 * When a rep met someone, as the ISO 8601 the contact schema stores. Files
 * write dates many ways; the unambiguous ones are read, and D/M versus M/D is
 * settled by the phone region (month first in the US, Canada and the Philippines).
 * Returns null for text that is not a date.
 */
export function normalizeMeetingDate(raw: string, region: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})([T ](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) {
    if (!validDate(+m[1]!, +m[2]!, +m[3]!)) return null;
    if (!m[4]) return `${m[1]}-${m[2]}-${m[3]}`;
    if (+m[5]! > 23 || +m[6]! > 59 || (m[8] !== undefined && +m[8] > 59)) return null;
    return text.replace(' ', 'T');
  }
  if ((m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(text))) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text))) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  if ((m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text))) {
    const monthFirst = ['US', 'CA', 'PH'].includes(region.toUpperCase());
    return monthFirst ? isoDate(+m[3]!, +m[1]!, +m[2]!) : isoDate(+m[3]!, +m[2]!, +m[1]!);
  }
  return null;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function isoDate(y: number, mo: number, d: number): string | null {
  if (!validDate(y, mo, d)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
