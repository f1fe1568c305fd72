import { badRequest } from './errors';
import type { PersonField } from './store';

/**
 * Custom field values checked by field type, as Pipedrive's v2 persons API
 * takes them under `custom_fields` (developers.pipedrive.com/docs/api/v2/Persons;
 * "Custom fields", pipedrive.readme.io/docs/core-api-concepts-custom-fields:
 * a single option (enum) is the option's id, a multiple option (set) an array
 * of ids, numbers (double) a number, dates YYYY-MM-DD). The sandbox stores
 * values as text (set ids joined by ',') and answers in those JSON types.
 * Wording of the refusals: the sandbox's (Pipedrive answers 400
 * `success: false` with its own error text); Ferry keys on none of it.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const invalid = (field: PersonField, what: string) => badRequest(`Validation failed: custom_fields.${field.field_code}: ${what}`);

function optionId(field: PersonField, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(field, 'must be the id of one of the field\'s options');
  if (!(field.options ?? []).some((o) => o.id === value)) throw invalid(field, `option ${value} does not exist`);
  return value;
}

export function checkCustomValue(field: PersonField, value: string | number | boolean | unknown[] | null): string | null {
  if (value === null) return null;
  switch (field.field_type) {
    case 'double':
    case 'int':
      if (typeof value === 'number' && Number.isFinite(value) && (field.field_type === 'double' || Number.isInteger(value))) return String(value);
      throw invalid(field, 'must be a number');
    case 'date':
      if (typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))) return value;
      throw invalid(field, 'must be a date in YYYY-MM-DD format');
    case 'enum':
      return String(optionId(field, value));
    case 'set':
      if (!Array.isArray(value)) throw invalid(field, 'must be an array of option ids');
      return value.map((v) => optionId(field, v)).join(',');
    default:
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      throw invalid(field, 'must be a string');
  }
}

export function customValueOut(field: PersonField | undefined, text: string | null): unknown {
  if (text === null || !field) return text;
  switch (field.field_type) {
    case 'double': case 'int': case 'enum': return Number(text);
    case 'set': return text === '' ? [] : text.split(',').map(Number);
    default: return text;
  }
}
