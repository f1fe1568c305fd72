import type { DynamicsRoute } from './context';
import { dataverseTime, DataverseError, missingPrivilege } from './wire';

/** Dataverse's unbound actions on contacts the sandbox serves: Merge and DeleteRecordChangeHistory. */

/**
 * `POST /api/data/v9.2/Merge` (Web API "Merge table rows", webapi/merge-entity-using-web-api;
 * reference/merge): an unbound action with `Target` and `Subordinate` (each
 * `{ "@odata.type": "Microsoft.Dynamics.CRM.contact", "contactid": "…" }`), optional
 * `UpdateContent` and required `PerformParentingChecks`. "Merging moves any useful data
 * from the Subordinate record to the Target record. Any existing data in the Target
 * record aren't overwritten. Then the Subordinate record is deactivated." The answer is
 * 204 with no body. The sandbox moves the Subordinate's values into the Target's empty
 * columns, applies UpdateContent, and deactivates the Subordinate (statecode 1, statuscode
 * 2, masterid = the Target: contact table reference); both rows' modifiedon move.
 */
const CONTACT_TYPE = 'Microsoft.Dynamics.CRM.contact';
/** columns a merge never copies: the row's own key values belong to it */
const NOT_COPIED = /_ferryid$/;

function reference(body: Record<string, unknown>, name: string): string {
  const ref = body[name];
  if (typeof ref !== 'object' || ref === null) throw new DataverseError(400, '0x80040203', `The parameter '${name}' is required.`);
  const { contactid } = ref as Record<string, unknown>;
  if ((ref as Record<string, unknown>)['@odata.type'] !== CONTACT_TYPE || typeof contactid !== 'string') throw new DataverseError(400, '0x80040203', `'${name}' must be a contact with its contactid.`);
  return contactid;
}

export const mergeContacts: DynamicsRoute = (req, ctx) => {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.rawBody || '{}') as Record<string, unknown>;
  } catch {
    throw new DataverseError(400, '0x80040203', 'The request body is not valid JSON.');
  }
  if (typeof body.PerformParentingChecks !== 'boolean') throw new DataverseError(400, '0x80040203', "The parameter 'PerformParentingChecks' is required.");
  const target = ctx.org.get(reference(body, 'Target'));
  const subordinate = ctx.org.get(reference(body, 'Subordinate'));
  if (!target || !subordinate) throw new DataverseError(404, '0x80040217', 'A record with the specified key values does not exist in contact entity');
  if (target === subordinate) throw new DataverseError(400, '0x80040203', 'A record cannot be merged into itself.');
  const moved: Record<string, string | null> = {};
  for (const [column, value] of Object.entries(subordinate.fields)) {
    if (value && !target.fields[column] && !NOT_COPIED.test(column) && column !== 'statecode' && column !== 'statuscode' && column !== 'masterid') moved[column] = value;
  }
  const update = typeof body.UpdateContent === 'object' && body.UpdateContent !== null ? body.UpdateContent as Record<string, unknown> : {};
  for (const [column, value] of Object.entries(update)) if (!column.startsWith('@') && (typeof value === 'string' || value === null)) moved[column] = value;
  const at = dataverseTime(ctx.now());
  ctx.org.write(target, moved, at);
  ctx.org.write(subordinate, { statecode: '1', statuscode: '2', masterid: target.contactid }, at);
  return { status: 204, headers: { 'OData-Version': '4.0' } };
};

/**
 * `POST /api/data/v9.2/DeleteRecordChangeHistory` with `{ "Target": { "@odata.type": …, "contactid": … } }`
 * (auditing/delete-audit-data, "Delete the change history for a record"; webapi/reference/
 * deleterecordchangehistory): deletes every audit entry of the record, also of one already
 * deleted, and answers 200 `{ "DeletedEntriesCount": n }`. Needs System Administrator or
 * prvDeleteRecordChangeHistory.
 */
export const deleteRecordChangeHistory: DynamicsRoute = (req, ctx) => {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.rawBody || '{}') as Record<string, unknown>;
  } catch {
    throw new DataverseError(400, '0x80040203', 'The request body is not valid JSON.');
  }
  const target = reference(body, 'Target');
  if (!ctx.settings.canDeleteAuditHistory) throw missingPrivilege(ctx.settings.userId, 'prvDeleteRecordChangeHistory');
  const count = ctx.org.deleteAuditHistory(target);
  return {
    status: 200,
    body: { '@odata.context': `${ctx.orgUrl()}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.DeleteRecordChangeHistoryResponse`, DeletedEntriesCount: count },
    headers: { 'OData-Version': '4.0' },
  };
};
