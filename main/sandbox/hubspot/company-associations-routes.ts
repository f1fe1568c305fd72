import { z } from 'zod';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { validationError } from './errors';
import { assertBatchSize, batchResponse, parseBody, type BatchError } from './wire';

/**
 * Contact ↔ company associations over the v4 associations API, as in HubSpot's
 * spec (HubSpot-public-api-spec-collection, PublicApiSpecs/CRM/Associations/
 * Rollouts/130902/v4/associations.json):
 * - POST /crm/v4/associations/{from}/{to}/batch/associate/default, inputs
 *   `{ from: { id }, to: { id } }` → BatchResponsePublicDefaultAssociation, each
 *   result with its `associationSpec` (HUBSPOT_DEFINED, contact → company 279,
 *   company → contact 280: AssociationTypes.contactToCompany / companyToContact in
 *   @hubspot/api-client). Associating a pair again leaves one association;
 * - POST …/batch/archive, inputs `{ from: { id }, to: [{ id }] }` → 204;
 * - POST …/batch/read, inputs `{ id }` → `{ from: { id }, to: [{ toObjectId, associationTypes }] }`,
 *   records without associations left out.
 * Ids that name no record come back as errors of a 207 (the spec's
 * BatchResponse…WithErrors); their exact wording is unverified and the sandbox's own.
 */

export const contactToCompanyTypeId = 279;
export const companyToContactTypeId = 280;

const defaultSchema = z.object({ inputs: z.array(z.object({ from: z.object({ id: z.string().min(1) }).strict(), to: z.object({ id: z.string().min(1) }).strict() }).strict()) }).strict();
const archiveSchema = z.object({ inputs: z.array(z.object({ from: z.object({ id: z.string().min(1) }).strict(), to: z.array(z.object({ id: z.string().min(1) }).strict()) }).strict()) }).strict();
const readSchema = z.object({ inputs: z.array(z.object({ id: z.string().min(1), after: z.string().optional() }).strict()) }).strict();

type Direction = 'contact-to-company' | 'company-to-contact';

const spec = (direction: Direction) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: direction === 'contact-to-company' ? contactToCompanyTypeId : companyToContactTypeId });

/** (contact id, company id) of a pair, whichever way the path names them. */
function pair(direction: Direction, from: string, to: string): [string, string] {
  return direction === 'contact-to-company' ? [from, to] : [to, from];
}

const associateDefault = (direction: Direction) => (req: SandboxRequest, ctx: HubSpotContext): Reply => {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, defaultSchema);
  assertBatchSize(inputs.length);
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const [contactId, companyId] = pair(direction, input.from.id, input.to.id);
    const absent = [...(ctx.store.contacts.has(contactId) ? [] : [contactId]), ...(ctx.store.companies.records.has(companyId) ? [] : [companyId])];
    if (absent.length > 0) { missing.push(...absent); continue; }
    ctx.store.companies.associate(contactId, companyId);
    results.push({ from: { id: input.from.id }, to: { id: input.to.id }, associationSpec: spec(direction) });
  }
  const errors: BatchError[] = missing.length === 0 ? [] : [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Sandbox: some records of these associations do not exist.', context: { ids: missing } }];
  return batchResponse(results, startedAt, ctx.now(), errors);
};

const archive = (direction: Direction) => (req: SandboxRequest, ctx: HubSpotContext): Reply => {
  const { inputs } = parseBody(req, archiveSchema);
  assertBatchSize(inputs.length);
  for (const input of inputs) {
    for (const to of input.to) {
      const [contactId, companyId] = pair(direction, input.from.id, to.id);
      ctx.store.companies.dissociate(contactId, companyId);
    }
  }
  return { status: 204 };
};

const read = (direction: Direction) => (req: SandboxRequest, ctx: HubSpotContext): Reply => {
  const { inputs } = parseBody(req, readSchema);
  if (inputs.length > 1000) throw validationError('Batch read inputs may not exceed 1000 entries.');
  const now = new Date(ctx.now()).toISOString();
  const typeId = spec(direction).associationTypeId;
  const results = inputs.flatMap(({ id }) => {
    const targets = direction === 'contact-to-company' ? ctx.store.companies.companyIdsForContact(id) : ctx.store.companies.contactIdsForCompany(id);
    if (targets.length === 0) return [];
    return [{ from: { id }, to: targets.map((toObjectId) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }] })) }];
  });
  return { status: 200, body: { status: 'COMPLETE', results, startedAt: now, completedAt: now } };
};

/** Added before the note association routes: these literal paths must win over their `:fromType/:toType`. */
export function addCompanyAssociationRoutes(router: Router<HubSpotRoute>): void {
  const write = [scopes.contactsWrite, scopes.companiesWrite];
  const readScopes = [scopes.contactsRead, scopes.companiesRead];
  for (const [from, to, direction] of [['contacts', 'companies', 'contact-to-company'], ['companies', 'contacts', 'company-to-contact']] as const) {
    const base = `/crm/v4/associations/${from}/${to}/batch`;
    router
      .add('POST', `${base}/associate/default`, { handler: associateDefault(direction), scopes: write, budget: 'standard' })
      .add('POST', `${base}/archive`, { handler: archive(direction), scopes: write, budget: 'standard' })
      .add('POST', `${base}/read`, { handler: read(direction), scopes: readScopes, budget: 'standard' });
  }
}
