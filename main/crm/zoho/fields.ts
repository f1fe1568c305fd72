import { SyncError } from '../../sync/connector';
import { crmErrorText, errorBody, toSyncError } from './errors';
import { FERRY_ID_FIELD, FERRY_ID_LABEL } from './mapping';
import { send, type TransportOptions } from './transport';

/**
 * Ferry's one custom field, `Ferry Id` (api name Ferry_Id): single-line text,
 * unique ("Do not allow duplicate values"), so every upsert finds the record a
 * contact was written to, crash or not. Zoho allows two unique fields per module
 * and, on Standard, only 10 custom fields (create-custom-field.html), so Ferry
 * creates no others: the rest of a contact goes to Description.
 */
export async function ensureFerryIdField(apiBase: string, options: TransportOptions, creditsCovered: () => boolean): Promise<void> {
  const list = await send('GET', `${apiBase}/settings/fields?module=Contacts`, undefined, options);
  if (list.status !== 200) throw toSyncError(list, { creditsCovered: creditsCovered() });
  const fields = (list.json as { fields?: { api_name?: unknown; unique?: unknown }[] } | undefined)?.fields ?? [];
  const existing = fields.find((f) => f.api_name === FERRY_ID_FIELD);
  if (existing) {
    const unique = typeof existing.unique === 'object' && existing.unique !== null && Object.keys(existing.unique).length > 0;
    if (!unique) throw new SyncError('config', `The Zoho CRM field "${FERRY_ID_LABEL}" on Contacts is not unique, so Ferry cannot rely on it to find its records. In Zoho CRM, edit the field and tick "Do not allow duplicate values", then sync again.`);
    return;
  }
  const created = await send('POST', `${apiBase}/settings/fields?module=Contacts`, {
    fields: [{ field_label: FERRY_ID_LABEL, data_type: 'text', length: 64, filterable: true, unique: { case_sensitive: false } }],
  }, options);
  const result = (created.json as { fields?: unknown[] } | undefined)?.fields?.[0];
  if (created.status < 300 && errorBody(result).status === 'success') return;
  if (created.status === 401 || created.status === 403 || created.status === 429 || created.status >= 500) throw toSyncError(created, { creditsCovered: creditsCovered() });
  const detail = errorBody(result).code ?? crmErrorText(created);
  throw new SyncError('config', `Zoho CRM has no "${FERRY_ID_LABEL}" field on Contacts and Ferry could not create it (${detail}). Ask your Zoho CRM admin to add a single-line field "${FERRY_ID_LABEL}" with "Do not allow duplicate values", then sync again.`, { status: created.status, crmError: crmErrorText(created) });
}
