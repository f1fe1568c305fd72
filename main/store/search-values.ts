import type { Db } from './db';

/**
 * `ferry_search_values(json)`: the words a search should find in a JSON
 * field — the e-mail addresses of `[{ value, label }]`, the tags of
 * `["vip", …]` — without the keys and labels around them, so that "work"
 * does not match every contact with a work e-mail. The search-index triggers
 * call it; every Ferry process registers it when it opens the database.
 */
function searchValues(json: unknown): string {
  if (typeof json !== 'string' || json === '') return '';
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return '';
    const words: string[] = [];
    for (const item of parsed) {
      if (typeof item === 'string') words.push(item);
      else if (item && typeof item === 'object' && typeof (item as { value?: unknown }).value === 'string') words.push((item as { value: string }).value);
    }
    return words.join(' ');
  } catch {
    return '';
  }
}

export function registerSearchFunctions(db: Db): void {
  db.function('ferry_search_values', { deterministic: true }, (json: unknown) => searchValues(json));
}
