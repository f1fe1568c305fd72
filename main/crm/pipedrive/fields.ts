import type { PipedriveApi, PersonField } from './api';

/**
 * The two person fields Ferry owns, found by name or created on connect.
 * Custom field keys are 40-character hashes Pipedrive makes per account
 * (`field_code` in /v2/personFields), so Ferry learns them here and never
 * hard-codes them. "Ferry ID" is a plain text (varchar) field because only
 * address, varchar, text, varchar_auto, double, monetary and phone custom
 * fields are searchable (/v2/persons/search, `fields`).
 *
 * A crash between creating a field and using it is harmless: the next prepare
 * finds the field by its name.
 */
export const FERRY_ID_FIELD_NAME = 'Ferry ID';
export const DETAILS_FIELD_NAME = 'Ferry details';

export interface FerryFieldKeys {
  ferryId: string;
  details: string;
}

function find(fields: PersonField[], name: string, type: string): PersonField | undefined {
  // the oldest wins when two share the name (two Ferry installs racing on a new account)
  return fields.find((f) => f.is_custom_field !== false && f.field_name === name && f.field_type === type);
}

export async function ensureFerryFields(api: PipedriveApi): Promise<FerryFieldKeys> {
  const fields = await api.personFields();
  const ferryId = find(fields, FERRY_ID_FIELD_NAME, 'varchar') ?? await api.addPersonField(FERRY_ID_FIELD_NAME, 'varchar');
  const details = find(fields, DETAILS_FIELD_NAME, 'text') ?? await api.addPersonField(DETAILS_FIELD_NAME, 'text');
  return { ferryId: ferryId.field_code, details: details.field_code };
}
