import { z } from 'zod';
import type { Connection as SfConnection } from 'jsforce';
import { SyncError } from '../../sync/connector';
import type { SalesforceObject } from './mapping';
import { FERRY_ID_FIELD } from './org-fields';

/**
 * Creates Ferry's upsert key, `Ferry_Id__c` (Text(36), External ID, Unique), on
 * Contact and Lead through the Tooling API (`POST …/tooling/sobjects/CustomField`
 * with `FullName` and `Metadata`; Salesforce Tooling API guide, "CustomField").
 * Needs the "Customize Application" permission; without it Salesforce refuses
 * (INSUFFICIENT_ACCESS) and Ferry says to ask an admin. Field-level security still
 * decides who sees the new field: where Ferry's profile does not get it, describe
 * keeps saying it is absent and the README's admin steps apply.
 */
export const FERRY_ID_METADATA = {
  label: 'Ferry ID', type: 'Text', length: 36, externalId: true, unique: true, caseSensitive: false,
  description: "Ferry's id for this record. Ferry uses it to update the record and never create it twice; do not edit it.",
} as const;

const createdSchema = z.object({ id: z.string(), success: z.boolean().optional() }).passthrough();

export type AddFerryIdResult = { created: SalesforceObject[]; existed: SalesforceObject[] };

function insufficient(error: unknown): boolean {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  const status = error instanceof SyncError ? error.details.status : undefined;
  return code === 'INSUFFICIENT_ACCESS' || code === 'INSUFFICIENT_ACCESS_OR_READONLY' || (error instanceof SyncError && error.kind === 'permission') || status === 403;
}

function duplicate(error: unknown): boolean {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return code === 'DUPLICATE_DEVELOPER_NAME' || code === 'DUPLICATE_VALUE';
}

export async function addFerryIdField(conn: SfConnection, objects: SalesforceObject[] = ['Contact', 'Lead']): Promise<AddFerryIdResult> {
  const result: AddFerryIdResult = { created: [], existed: [] };
  for (const object of objects) {
    try {
      const raw: unknown = await conn.request({
        method: 'POST', url: '/tooling/sobjects/CustomField',
        body: JSON.stringify({ FullName: `${object}.${FERRY_ID_FIELD}`, Metadata: FERRY_ID_METADATA }),
        headers: { 'content-type': 'application/json' },
      });
      if (!createdSchema.safeParse(raw).success) throw new SyncError('server', 'Salesforce sent an answer Ferry could not read.', { crmError: JSON.stringify(raw).slice(0, 300) });
      result.created.push(object);
    } catch (error) {
      if (duplicate(error)) { result.existed.push(object); continue; }
      if (insufficient(error)) {
        throw new SyncError('permission', 'Your Salesforce user may not add fields (it needs the "Customize Application" permission). Ask your Salesforce admin to add the Ferry ID field as the README describes, then reconnect.', { crmError: error instanceof Error ? error.message : String(error) });
      }
      throw error;
    }
  }
  return result;
}

const objectsText = (objects: SalesforceObject[]): string => objects.join(' and ');

/**
 * What the rep reads after "Add Ferry ID field". `usable`: describe, asked again
 * afterwards, shows the field as a writable External ID to Ferry's user.
 */
export function ferryIdSentence(result: AddFerryIdResult, usable: boolean): string {
  const done = result.created.length === 0
    ? `The Ferry ID field was already on ${objectsText(result.existed)}; nothing changed.`
    : `Ferry added the Ferry ID field to ${objectsText(result.created)}${result.existed.length > 0 ? ` (${objectsText(result.existed)} already had it)` : ''}.`;
  if (!usable) return `${done} Salesforce does not let Ferry's user edit it yet: your admin must give that user read and edit access to Ferry_Id__c (field-level security, see the README).`;
  return result.created.length === 0 ? done : `${done} Contacts without an e-mail that were set aside go with the next sync.`;
}
