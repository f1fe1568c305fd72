import type { CrmFieldView } from '../../preload/schemas/mapping';

/**
 * Whether a value fits a CRM field, checked before anything is sent: a value
 * the CRM would refuse is set aside with a sentence instead of costing a call
 * (and, in Salesforce, failing the whole batch of 200 with JSON_PARSER_ERROR).
 * '' always fits: it clears the field.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function valueProblem(field: CrmFieldView, value: string, crm: string): string | null {
  if (value === '') return null;
  const quoted = `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  switch (field.type) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value.trim()) ? null : `${crm}'s field ${field.label} (${field.name}) takes a number, and ${quoted} is not one.`;
    case 'date':
      return DATE.test(value) || (/^\d+$/.test(value) && Number(value) % 86_400_000 === 0)
        ? null : `${crm}'s field ${field.label} (${field.name}) takes a date (YYYY-MM-DD), and ${quoted} is not one. Add a date transform to the mapping.`;
    case 'datetime':
      return /^\d+$/.test(value) || (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)))
        ? null : `${crm}'s field ${field.label} (${field.name}) takes a date and time, and ${quoted} is not one. Add a date transform to the mapping.`;
    case 'bool':
      return value === 'true' || value === 'false' ? null : `${crm}'s field ${field.label} (${field.name}) takes true or false, and ${quoted} is neither. Add a value map to the mapping.`;
    case 'enumeration':
    case 'multiselect': {
      const allowed = new Set((field.options ?? []).map((o) => o.value));
      if (allowed.size === 0) return null;
      const chosen = field.type === 'multiselect' ? value.split(';') : [value];
      const bad = chosen.find((v) => !allowed.has(v));
      if (bad === undefined) return null;
      const list = [...allowed].slice(0, 12).join(', ');
      return `${crm}'s field ${field.label} (${field.name}) has no option '${bad}' (it has: ${list}${allowed.size > 12 ? ', …' : ''}). Add it to the value map in the mapping.`;
    }
    case 'string':
      return field.maxLength && value.length > field.maxLength ? `${crm}'s field ${field.label} (${field.name}) takes at most ${field.maxLength} characters; this value has ${value.length}.` : null;
  }
}

/** Why `name` cannot be a mapping target, or null when it can. */
export function targetProblem(name: string, field: CrmFieldView | undefined, crm: string): string | null {
  if (!field) return `${crm} has no field '${name}'. Choose one of its fields (ferry mapping show lists them), or create the field in ${crm} first.`;
  if (!field.writable) return `${crm} does not let Ferry write the field ${field.label} (${field.name}): it is read-only or hidden for this user.`;
  return null;
}
