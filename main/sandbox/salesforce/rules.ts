import type { ObjectName } from './schema';

/**
 * Org configuration that decides whether a record may be saved: validation
 * rules (FIELD_CUSTOM_VALIDATION_EXCEPTION) and duplicate rules
 * (DUPLICATES_DETECTED), as an admin would set them up in Setup.
 */
export interface ValidationRuleSpec {
  /** the rule's API name, shown in the log */
  name: string;
  /** absent = every object */
  object?: ObjectName;
  field: string;
  /** the rule fires when the field's value matches (case-insensitive when given as a string) */
  pattern: RegExp | string;
  /** the error message the admin wrote, returned verbatim */
  message: string;
}

export interface ValidationRule extends Omit<ValidationRuleSpec, 'pattern'> {
  pattern: RegExp;
}

export interface DuplicateRuleSpec {
  object: ObjectName;
  /** 'block' refuses every match; 'allow' (alert) saves when the request sends allowSave=true */
  action: 'block' | 'allow';
  name?: string;
}

export type DuplicateRule = Required<DuplicateRuleSpec>;

/** The `Sforce-Duplicate-Rule-Header` flags. */
export interface DuplicateHeader {
  allowSave: boolean;
  includeRecordDetails: boolean;
}

export function parseDuplicateHeader(value: string | string[] | undefined): DuplicateHeader {
  const raw = Array.isArray(value) ? value.join(';') : value ?? '';
  const flags = new Map(raw.split(/[;,]/).map((part) => {
    const [k = '', v = ''] = part.split('=').map((s) => s.trim());
    return [k.toLowerCase(), v.toLowerCase() === 'true'] as const;
  }));
  return { allowSave: flags.get('allowsave') ?? false, includeRecordDetails: flags.get('includerecorddetails') ?? false };
}

export function toValidationRule(spec: ValidationRuleSpec): ValidationRule {
  return { ...spec, pattern: typeof spec.pattern === 'string' ? new RegExp(spec.pattern, 'i') : spec.pattern };
}

export function toDuplicateRule(spec: DuplicateRuleSpec): DuplicateRule {
  return { ...spec, name: spec.name ?? `Standard_${spec.object}_Duplicate_Rule` };
}
