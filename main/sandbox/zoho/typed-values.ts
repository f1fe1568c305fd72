import type { FieldMeta } from './fields';

/**
 * A record value checked against its field's data_type, as Zoho CRM checks it
 * on insert and upsert (upsert-records.html, "Possible Errors": INVALID_DATA
 * with `expected_data_type`; field-meta.html lists the types and, for
 * picklists, `pick_list_values[].actual_value`). The sandbox keeps values as
 * text (numbers in JS notation, booleans 'true'/'false', multi-select options
 * joined by ';') and answers reads with the JSON types Zoho uses.
 *
 * Unverified, and strict on purpose: whether Zoho stores a picklist value its
 * layout does not list, and whether it ignores or refuses a read-only field;
 * Ferry checks both before it sends anything, so it relies on neither.
 */
export type Checked = { text: string } | { expected: string } | { readOnly: true };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$/;

function option(meta: FieldMeta, value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const values = (meta.pick_list_values ?? []).map((v) => v.actual_value);
  return values.includes(value) ? value : null;
}

export function checkValue(meta: FieldMeta, raw: unknown): Checked {
  if (meta.read_only) return { readOnly: true };
  const expected = { expected: meta.data_type };
  switch (meta.data_type) {
    case 'integer':
      return typeof raw === 'number' && Number.isInteger(raw) ? { text: String(raw) } : expected;
    case 'double':
    case 'currency':
      return typeof raw === 'number' && Number.isFinite(raw) ? { text: String(raw) } : expected;
    case 'boolean':
      return typeof raw === 'boolean' ? { text: String(raw) } : expected;
    case 'date':
      return typeof raw === 'string' && DATE.test(raw) && !Number.isNaN(Date.parse(raw)) ? { text: raw } : expected;
    case 'datetime':
      return typeof raw === 'string' && DATETIME.test(raw) && !Number.isNaN(Date.parse(raw)) ? { text: raw } : expected;
    case 'picklist': {
      const value = option(meta, raw);
      return value === null ? expected : { text: value };
    }
    case 'multiselectpicklist': {
      if (!Array.isArray(raw)) return expected;
      const values = raw.map((v) => option(meta, v));
      return values.some((v) => v === null) ? expected : { text: values.join(';') };
    }
    default:
      return typeof raw === 'string' || typeof raw === 'number' ? { text: String(raw) } : expected;
  }
}

/** A stored value as Zoho's JSON answers carry it. */
export function valueOut(meta: FieldMeta | undefined, text: string): unknown {
  switch (meta?.data_type) {
    case 'integer':
    case 'double':
    case 'currency': return Number(text);
    case 'boolean': return text === 'true';
    case 'multiselectpicklist': return text.split(';');
    default: return text;
  }
}
