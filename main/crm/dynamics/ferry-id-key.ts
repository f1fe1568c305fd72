import { z } from 'zod';
import { SyncError } from '../../sync/connector';
import { send, type TransportOptions } from './transport';
import { API_PATH, type KeyIndexStatus } from './wire';

/**
 * Ferry's upsert key on `contact`: a text column `<prefix>_ferryid` with an
 * alternate key on it, so `PATCH contacts(<prefix>_ferryid='…')` creates or
 * updates exactly one record however often it is sent.
 *
 * Found through the table's metadata (Web API "Query table definitions":
 * EntityDefinitions(LogicalName='contact')/Keys and /Attributes). The column's
 * publisher prefix is discovered, never assumed: an existing `*_ferryid` column is
 * used whatever its prefix; a new one takes the prefix of the Default solution's
 * publisher. Creating a column and a key needs a customizer's privileges; without
 * them Ferry says what an admin must add. A new key's index is built in the
 * background (EntityKeyIndexStatus Pending → Active); until it is Active, upserts
 * by it fail, so Ferry waits.
 */

const CONTACT = `${API_PATH}/EntityDefinitions(LogicalName='contact')`;
const FERRY_ID_SUFFIX = '_ferryid';
const isFerryId = (name: string): boolean => /^[a-z][a-z0-9]{1,7}_ferryid$/.test(name);

const keysSchema = z.object({
  value: z.array(z.object({
    LogicalName: z.string().optional(),
    KeyAttributes: z.array(z.string()).catch([]),
    EntityKeyIndexStatus: z.string().optional(),
  }).passthrough()),
}).passthrough();
const attributesSchema = z.object({ value: z.array(z.object({ LogicalName: z.string() }).passthrough()) }).passthrough();
const solutionsSchema = z.object({
  value: z.array(z.object({ publisherid: z.object({ customizationprefix: z.string() }).passthrough().optional() }).passthrough()),
}).passthrough();

const label = (text: string): unknown => ({
  '@odata.type': 'Microsoft.Dynamics.CRM.Label',
  LocalizedLabels: [{ '@odata.type': 'Microsoft.Dynamics.CRM.LocalizedLabel', Label: text, LanguageCode: 1033 }],
});

export const ADMIN_STEPS = 'In Power Apps (make.powerapps.com) → Tables → Contact: add a column "Ferry ID" (Single line of text, 100 characters), then under Keys a new key on that column, and reconnect Dynamics 365.';

async function getJson<T>(options: TransportOptions, path: string, schema: z.ZodType<T>): Promise<T> {
  const response = await send({ method: 'GET', path }, options);
  const parsed = schema.safeParse(JSON.parse(response.text || '{}'));
  if (!parsed.success) throw new SyncError('invalid_request', 'Dynamics 365 answered Ferry in a shape it did not expect. The details are in the sync log.', { crmError: `${path}: ${parsed.error.message}`.slice(0, 4_000) });
  return parsed.data;
}

function cannotCustomize(error: unknown, what: string): never {
  if (error instanceof SyncError && error.kind === 'permission') {
    throw new SyncError('config', `Dynamics 365 has no Ferry ID column with an alternate key on contacts, and Ferry's user may not ${what}. Ask a Dynamics 365 admin (System Customizer or System Administrator): ${ADMIN_STEPS}`, error.details);
  }
  throw error;
}

async function publisherPrefix(options: TransportOptions): Promise<string> {
  const solutions = await getJson(options, `${API_PATH}/solutions?$select=uniquename&$filter=uniquename%20eq%20'Default'&$expand=publisherid($select=customizationprefix)`, solutionsSchema);
  const prefix = solutions.value[0]?.publisherid?.customizationprefix;
  if (!prefix) throw new SyncError('config', `Dynamics 365 did not say which publisher prefix new columns take. Ask a Dynamics 365 admin: ${ADMIN_STEPS}`);
  return prefix.toLowerCase();
}

async function createColumn(options: TransportOptions, prefix: string): Promise<string> {
  const body = {
    '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
    SchemaName: `${prefix}_FerryId`,
    AttributeType: 'String',
    AttributeTypeName: { Value: 'StringType' },
    MaxLength: 100,
    FormatName: { Value: 'Text' },
    RequiredLevel: { Value: 'None', CanBeChanged: true, ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings' },
    DisplayName: label('Ferry ID'),
    Description: label('Ferry\'s id for this contact: the key Ferry upserts by. Do not edit.'),
  };
  await send({ method: 'POST', path: `${CONTACT}/Attributes`, body: JSON.stringify(body) }, options).catch((e: unknown) => cannotCustomize(e, 'create columns'));
  return `${prefix}${FERRY_ID_SUFFIX}`;
}

async function createKey(options: TransportOptions, column: string): Promise<void> {
  const body = { SchemaName: `${column}_key`, DisplayName: label('Ferry ID'), KeyAttributes: [column] };
  await send({ method: 'POST', path: `${CONTACT}/Keys`, body: JSON.stringify(body) }, options).catch((e: unknown) => cannotCustomize(e, 'create keys'));
}

async function ferryKeys(options: TransportOptions): Promise<Array<{ column: string; status: string }>> {
  const keys = await getJson(options, `${CONTACT}/Keys?$select=LogicalName,KeyAttributes,EntityKeyIndexStatus`, keysSchema);
  return keys.value.flatMap((k) => (k.KeyAttributes.length === 1 && isFerryId(k.KeyAttributes[0]!) ? [{ column: k.KeyAttributes[0]!, status: k.EntityKeyIndexStatus ?? 'Active' }] : []));
}

function usable(key: { column: string; status: string }): string {
  const status = key.status as KeyIndexStatus;
  if (status === 'Active') return key.column;
  if (status === 'Failed') {
    throw new SyncError('config', `Dynamics 365 could not build the Ferry ID key on contacts (${key.column}): usually two contacts share a Ferry ID value. Ask a Dynamics 365 admin to clear the duplicate, then reactivate the key (Power Apps → Tables → Contact → Keys), and reconnect Dynamics 365.`, { crmError: `EntityKeyIndexStatus ${key.status}` });
  }
  // Pending or InProgress: a wait, not a refusal
  throw new SyncError('rate_limited', 'Dynamics 365 is still building the Ferry ID key on contacts; that takes a few minutes after it is added. Ferry will start syncing as soon as it is ready.', {
    crmError: `EntityKeyIndexStatus ${key.status}`, retryAfterMs: 120_000,
  });
}

/** The logical name of the Ferry ID column whose alternate key is active, creating both when the user may. */
export async function ensureFerryIdKey(options: TransportOptions): Promise<string> {
  const keys = await ferryKeys(options);
  const active = keys.find((k) => k.status === 'Active');
  if (active) return active.column;
  if (keys[0]) return usable(keys[0]);
  const attributes = await getJson(options, `${CONTACT}/Attributes?$select=LogicalName`, attributesSchema);
  const column = attributes.value.map((a) => a.LogicalName).find(isFerryId) ?? (await createColumn(options, await publisherPrefix(options)));
  await createKey(options, column);
  const built = (await ferryKeys(options)).find((k) => k.column === column);
  if (!built) throw new SyncError('server', 'Dynamics 365 accepted the Ferry ID key but does not list it yet. Ferry will try again.', { crmError: `${column}: key not listed after creation` });
  return usable(built);
}
