/**
 * How two names (and two company names) are compared. A name is folded to its
 * letters (diacritics, case and punctuation dropped) and its words sorted, so
 * "Lovelace, Ada", "ADA LOVELACE" and "Ada Lovélace" are one name. Two folded
 * names at the same company are similar when they are equal or one typing
 * mistake apart (Levenshtein distance 1; 2 for names of 10 letters or more):
 * token sorting catches swapped first/last names, the edit distance catches a
 * typo ("Jon"/"John", "Lovelace"/"Lovelce"). Nicknames ("Bob"/"Robert") are not
 * caught: no distance would take them without flagging every "Ann"/"Dan".
 */

/** Company suffixes that say nothing about which company it is. */
const COMPANY_SUFFIXES = new Set(['inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'gmbh', 'ag', 'sa', 'sarl', 'sas', 'bv', 'nv', 'plc', 'corp', 'corporation', 'co', 'company', 'pty', 'srl', 'spa', 'oy', 'ab', 'as']);

function words(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** The folded, word-sorted name; '' when there is none. */
export function nameKey(firstName: string, lastName: string): string {
  return words(`${firstName} ${lastName}`).sort().join(' ');
}

/** The folded company without legal suffixes; '' when there is none. */
export function companyKey(company: string): string {
  const w = words(company);
  while (w.length > 1 && COMPANY_SUFFIXES.has(w[w.length - 1]!)) w.pop();
  return w.join(' ');
}

/** Levenshtein distance, stopping early once it exceeds `max` (returns max + 1). */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

export function similarNames(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const max = Math.min(a.length, b.length) >= 10 ? 2 : 1;
  return editDistanceWithin(a, b, max) <= max;
}
