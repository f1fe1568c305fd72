import { apple } from './apple';
import { generic } from './generic';
import { googleNew, googleOld } from './google';
import { hubSpot } from './hubspot';
import { linkedIn } from './linkedin';
import { headerKey, type Meaning, type Vocabulary } from './meaning';
import { outlookGerman } from './outlook-de';
import { outlookEnglish } from './outlook-en';
import { outlookSpanish } from './outlook-es';
import { outlookFrench } from './outlook-fr';
import { outlookItalian } from './outlook-it';
import { outlookJapanese } from './outlook-ja';
import { outlookDutch } from './outlook-nl';
import { outlookPortugueseBrazil } from './outlook-pt-br';
import { salesforce } from './salesforce';
import { thunderbird } from './thunderbird';
import { tine20 } from './tine20';

export { headerKey, type Meaning, type Vocabulary } from './meaning';

/** The exports Ferry knows by name, most specific first; the spreadsheet words come last. */
export const APPLICATION_VOCABULARIES: readonly Vocabulary[] = [
  outlookEnglish, outlookGerman, outlookFrench, outlookSpanish, outlookItalian, outlookDutch, outlookPortugueseBrazil,
  outlookJapanese, thunderbird, apple, linkedIn, googleOld, googleNew, hubSpot, salesforce, tine20,
];
export const GENERIC_VOCABULARY: Vocabulary = generic;

interface IndexedVocabulary {
  vocabulary: Vocabulary;
  byKey: ReadonlyMap<string, Meaning>;
  repeated: ReadonlyMap<string, readonly Meaning[]>;
}

/**
 * A table keyed by headerKey(). Two of its headers that read the same once
 * case and punctuation are ignored must mean the same thing, or the table is
 * broken: that is checked here, when Ferry loads, not when a user's file hits it.
 */
export function indexVocabulary(vocabulary: Vocabulary): IndexedVocabulary {
  const byKey = new Map<string, Meaning>();
  for (const [header, meaning] of Object.entries(vocabulary.columns)) {
    const key = headerKey(header);
    const known = byKey.get(key);
    if (known && JSON.stringify(known) !== JSON.stringify(meaning)) {
      throw new Error(`The ${vocabulary.name} column table gives "${header}" two meanings.`);
    }
    byKey.set(key, meaning);
  }
  const repeated = new Map(Object.entries(vocabulary.repeated ?? {}).map(([header, meanings]) => [headerKey(header), meanings]));
  return { vocabulary, byKey, repeated };
}

const INDEXED_APPLICATIONS: readonly IndexedVocabulary[] = APPLICATION_VOCABULARIES.map(indexVocabulary);
export const INDEXED_GENERIC: IndexedVocabulary = indexVocabulary(GENERIC_VOCABULARY);

/** What one table says a header means, by exact name first, then by its patterns. */
function lookUp(table: IndexedVocabulary, key: string): Meaning | undefined {
  const exact = table.byKey.get(key);
  if (exact) return exact;
  for (const { match, meaning } of table.vocabulary.patterns ?? []) {
    const m = key.match(match);
    if (m) {
      const found = meaning(m);
      if (found) return found;
    }
  }
  return undefined;
}

/** How many of the headers a table knows. */
function coverage(table: IndexedVocabulary, keys: readonly string[]): number {
  let n = 0;
  for (const key of keys) if (key !== '' && lookUp(table, key) !== undefined) n++;
  return n;
}

/**
 * The application that wrote the file: the table that knows the most headers,
 * provided it knows more than the spreadsheet words alone do (a file with just
 * "First Name, Last Name, Email" is nobody's export in particular).
 */
export function detectVocabulary(keys: readonly string[]): IndexedVocabulary {
  let best = INDEXED_GENERIC;
  let bestScore = coverage(INDEXED_GENERIC, keys);
  for (const table of INDEXED_APPLICATIONS) {
    const score = coverage(table, keys);
    if (score > bestScore) {
      best = table;
      bestScore = score;
    }
  }
  return best;
}

/**
 * What a header means: the detected application's own table first, then the
 * spreadsheet words, then any other application's table (a German header in an
 * otherwise English file). Undefined when no table knows it.
 */
export function meaningOf(key: string, detected: IndexedVocabulary, occurrence = 0, occurrences = 1): Meaning | undefined {
  if (key === '') return undefined;
  // A header the application writes twice means something else each time (only when it is there twice).
  const again = occurrences > 1 ? detected.repeated.get(key) : undefined;
  if (again && again.length > 0) return again[Math.min(occurrence, again.length - 1)];
  const own = lookUp(detected, key);
  if (own) return own;
  if (detected !== INDEXED_GENERIC) {
    const common = lookUp(INDEXED_GENERIC, key);
    if (common) return common;
  }
  for (const table of INDEXED_APPLICATIONS) {
    if (table === detected) continue;
    const other = lookUp(table, key);
    if (other) return other;
  }
  return undefined;
}

/** True when any table knows the header: used to find the header row below a preamble. */
export function isKnownHeader(key: string): boolean {
  return meaningOf(key, INDEXED_GENERIC) !== undefined;
}
