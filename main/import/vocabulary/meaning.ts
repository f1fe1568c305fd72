/**
 * What a column of a contacts export means, in Ferry's terms. The vocabulary
 * tables (one file per exporting application) map header texts to these; the
 * column planner turns them into targets for the row reader.
 */

export type AddressPart = 'street' | 'city' | 'region' | 'postalCode' | 'country' | 'label' | 'formatted';

/** Fields that hold one value per contact. */
export type SingleField = 'firstName' | 'lastName' | 'fullName' | 'company' | 'title' | 'website'
  | 'meetingAt' | 'meetingPlace' | 'meetingEvent' | 'meetingNotes';

export type Meaning =
  | { kind: SingleField }
  /** notes and tags of several columns are joined */
  | { kind: 'notes' | 'tags' }
  /** the n-th e-mail; a label column ("E-mail 1 - Type") shares its slot with the value column */
  | { kind: 'email'; slot: string; part: 'value' | 'label'; label?: string }
  /** a phone: named columns ("Mobile Phone") carry their label; numbered ones pair with a label column */
  | { kind: 'phone'; slot: string; part: 'value' | 'label'; label?: string }
  /** one part of an address; the parts of one address share a slot ("work", "home", "address1") */
  | { kind: 'address'; slot: string; part: AddressPart; label?: string }
  /** "Custom Field 1 - Label" / "- Value" pairs */
  | { kind: 'customLabel' | 'customValue'; slot: string }
  /** kept as a custom field, named by the column's header or by `name` */
  | { kind: 'keep'; name?: string }
  /** says nothing about the person (an exporter's defaults, display names, technical ids) */
  | { kind: 'ignore' };

export interface Vocabulary {
  /** the format shown in the preview, e.g. "Outlook (German)" */
  name: string;
  /** where the column names come from, for whoever maintains the table */
  source: string;
  /** header text exactly as the application writes it -> meaning */
  columns: Readonly<Record<string, Meaning>>;
  /**
   * Headers the application writes more than once, by occurrence: the n-th
   * column with that header gets the n-th meaning (French Outlook writes
   * "Titre" for the honorific and again for the job title).
   */
  repeated?: Readonly<Record<string, readonly Meaning[]>>;
  /** numbered families ("E-mail 3 - Value"), tried after the exact names; keys are headerKey()ed */
  patterns?: readonly { match: RegExp; meaning: (m: RegExpMatchArray) => Meaning | null }[];
}

/** Lower-case letters and digits only: "E-mail 1 - Value" and "email1value" are the same header. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export const field = (kind: SingleField | 'notes' | 'tags'): Meaning => ({ kind });
export const KEEP: Meaning = { kind: 'keep' };
export const IGNORE: Meaning = { kind: 'ignore' };
export const keepAs = (name: string): Meaning => ({ kind: 'keep', name });
export const email = (n: number, label?: string): Meaning =>
  ({ kind: 'email', slot: `email${n}`, part: 'value', ...(label ? { label } : {}) });
export const emailLabel = (n: number): Meaning => ({ kind: 'email', slot: `email${n}`, part: 'label' });
/** A named phone column is a phone of its own, with that name's label. */
export const phone = (label: string): Meaning => ({ kind: 'phone', slot: `phone:${label}`, part: 'value', label });
export const numberedPhone = (n: number | string, part: 'value' | 'label' = 'value'): Meaning =>
  ({ kind: 'phone', slot: `phone${n}`, part });
export const address = (slot: string, part: AddressPart, label?: string): Meaning =>
  ({ kind: 'address', slot, part, ...(label ? { label } : {}) });
