/**
 * What each column of a CSV file means. The header texts are looked up in the
 * vocabulary tables (vocabulary/, one per exporting application); a column no
 * table knows is guessed from its content (e-mails, phones) or kept as a
 * custom field named by its header; a column the user mapped by hand gets
 * their choice.
 */
import type { ImportField } from '../../preload/schemas/contacts-api';
import { sniffColumn } from './column-sniff';
import { detectVocabulary, headerKey, INDEXED_GENERIC, meaningOf, type Meaning } from './vocabulary/index';
import type { AddressPart } from './vocabulary/meaning';

export { headerKey } from './vocabulary/index';
export type { AddressPart } from './vocabulary/meaning';

export type ColumnTarget =
  | { kind: 'firstName' | 'lastName' | 'fullName' | 'company' | 'title' | 'notes' | 'tags' }
  | { kind: 'meetingAt' | 'meetingPlace' | 'meetingEvent' | 'meetingNotes' }
  | { kind: 'website' }
  /** slot groups a value column with its label column, e.g. "E-mail 1 - Type" + "E-mail 1 - Value" */
  | { kind: 'email' | 'phone'; slot: string; part: 'value' | 'label'; label?: string }
  | { kind: 'address'; slot: string; part: AddressPart; label?: string }
  | { kind: 'customLabel' | 'customValue'; slot: string }
  | { kind: 'custom'; name: string }
  | { kind: 'ignore' };

/** How a column's meaning was found, as the preview shows it. */
export type MappingStatus = 'recognised' | 'guessed' | 'custom' | 'ignored' | 'chosen';

export interface PlannedColumn {
  index: number;
  header: string;
  target: ColumnTarget;
  status: MappingStatus;
}

export interface ColumnPlan {
  /** the application whose export this is, e.g. "Outlook (German)", or "Spreadsheet" */
  format: string;
  targets: ColumnTarget[];
  columns: PlannedColumn[];
  /** true when at least one column means something other than a custom field */
  recognised: boolean;
}

interface PlanOptions {
  /** non-empty values of a column, for guessing what an unknown column holds */
  samples?: (index: number) => readonly string[];
  /** the user's choices, by column index; they win over everything else */
  choices?: ReadonlyMap<number, ImportField>;
}

/** The prefix export-csv.ts puts on a custom field whose name would otherwise read as a known column. */
export const CUSTOM_PREFIX = 'Custom: ';

/** Columns of which only the first in a file counts; notes and tags of several columns are joined. */
const SINGLE_VALUED = new Set<ColumnTarget['kind']>(['firstName', 'lastName', 'fullName', 'company', 'title', 'website',
  'meetingAt', 'meetingPlace', 'meetingEvent', 'meetingNotes']);

function custom(header: string): ColumnTarget {
  const name = header.trim();
  return name ? { kind: 'custom', name } : { kind: 'ignore' };
}

function fromMeaning(meaning: Meaning, header: string): ColumnTarget {
  switch (meaning.kind) {
    case 'keep': return meaning.name ? { kind: 'custom', name: meaning.name } : custom(header);
    default: return meaning;
  }
}

const ADDRESS_CHOICES: Partial<Record<ImportField, AddressPart>> = {
  street: 'street', city: 'city', region: 'region', postalCode: 'postalCode', country: 'country',
};

/** A field the user picked for a column, as a target of its own (its own e-mail, its own phone). */
function targetOfChoice(choice: ImportField, index: number, header: string): ColumnTarget {
  const part = ADDRESS_CHOICES[choice];
  if (part) return { kind: 'address', slot: 'chosen', part };
  switch (choice) {
    case 'email': return { kind: 'email', slot: `column${index}`, part: 'value' };
    case 'phone': return { kind: 'phone', slot: `column${index}`, part: 'value' };
    case 'custom': return custom(header || `Column ${index + 1}`);
    case 'ignore': return { kind: 'ignore' };
    case 'street': case 'city': case 'region': case 'postalCode': case 'country': return { kind: 'ignore' };
    default: return { kind: choice };
  }
}

/** The choice a target corresponds to in the preview's list, or null for label columns and the like. */
export function choiceOfTarget(target: ColumnTarget): ImportField | null {
  switch (target.kind) {
    case 'email': case 'phone': return target.part === 'value' ? target.kind : null;
    case 'address': return target.part === 'label' ? null : target.part === 'formatted' ? 'street' : target.part;
    case 'custom': return 'custom';
    case 'customLabel': case 'customValue': return null;
    default: return target.kind;
  }
}

export function planColumns(headers: readonly string[], opts: PlanOptions = {}): ColumnPlan {
  const keys = headers.map(headerKey);
  const detected = detectVocabulary(keys);
  // "Title" is the honorific (Mr, Dr) when a separate job-title column exists, as in Outlook.
  const titleIsHonorific = keys.includes('jobtitle');
  // A field the user chose for one column is that column's alone.
  const seenSingle = new Set<string>();
  for (const [index, choice] of opts.choices ?? []) {
    const kind = targetOfChoice(choice, index, headers[index] ?? '').kind;
    if (SINGLE_VALUED.has(kind)) seenSingle.add(kind);
  }
  const occurrences = new Map<string, number>();
  for (const key of keys) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  const seen = new Map<string, number>();
  const columns = headers.map((header, index): PlannedColumn => {
    const key = keys[index] ?? '';
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const choice = opts.choices?.get(index);
    if (choice !== undefined) return { index, header, target: targetOfChoice(choice, index, header), status: 'chosen' };
    const planned = resolve(header, key, index, detected, titleIsHonorific, opts, [occurrence, occurrences.get(key) ?? 1]);
    // A second "Company" column must not overwrite the first: keep it as a custom field.
    if (SINGLE_VALUED.has(planned.target.kind)) {
      if (seenSingle.has(planned.target.kind)) return { index, header, target: custom(header), status: 'custom' };
      seenSingle.add(planned.target.kind);
    }
    return planned;
  });
  const targets = columns.map((c) => c.target);
  const recognised = targets.some((t) => t.kind !== 'custom' && t.kind !== 'ignore');
  return { format: detected === INDEXED_GENERIC ? 'Spreadsheet' : detected.vocabulary.name, targets, columns, recognised };
}

function resolve(
  header: string, key: string, index: number, detected: ReturnType<typeof detectVocabulary>, titleIsHonorific: boolean, opts: PlanOptions,
  [occurrence, occurrences]: [number, number],
): PlannedColumn {
  const planned = (target: ColumnTarget, status: MappingStatus): PlannedColumn => ({ index, header, target, status });
  const trimmed = header.trim();
  if (trimmed.startsWith(CUSTOM_PREFIX.trim())) {
    const name = trimmed.slice(CUSTOM_PREFIX.trim().length).trim();
    return name ? planned({ kind: 'custom', name }, 'custom') : planned({ kind: 'ignore' }, 'ignored');
  }
  if (key === 'title' && titleIsHonorific) return planned(custom(header), 'custom');
  const meaning = key === '' ? undefined : meaningOf(key, detected, occurrence, occurrences);
  if (meaning) {
    const target = fromMeaning(meaning, header);
    const status: MappingStatus = target.kind === 'ignore' ? 'ignored' : target.kind === 'custom' ? 'custom' : 'recognised';
    return planned(target, status);
  }
  const sniffed = opts.samples ? sniffColumn(opts.samples(index)) : null;
  if (sniffed) return planned({ kind: sniffed, slot: `column${index}`, part: 'value' }, 'guessed');
  const target = custom(header);
  return planned(target, target.kind === 'ignore' ? 'ignored' : 'custom');
}

/** True when a column with this header would be read back as the custom field of the same name. */
export function readsAsCustomField(name: string): boolean {
  const target = planColumns([name]).targets[0];
  return target?.kind === 'custom' && target.name === name;
}
