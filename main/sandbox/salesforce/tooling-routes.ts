import { z } from 'zod';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { SalesforceContext, SalesforceRoute } from './context';
import { SalesforceError } from './errors';
import { isObjectName } from './schema';
import { parseBody } from './wire';

/**
 * Tooling API `POST …/tooling/sobjects/CustomField` (Salesforce Tooling API guide,
 * "CustomField": FullName `Object.Field__c` and Metadata), Text fields only. Adding
 * a field needs "Customize Application"; without it: INSUFFICIENT_ACCESS.
 */
const customFieldSchema = z.object({
  FullName: z.string().regex(/^[A-Za-z]+\.[A-Za-z][A-Za-z0-9_]*__c$/),
  Metadata: z.object({
    label: z.string().min(1), type: z.literal('Text'), length: z.number().int().min(1).max(255),
    externalId: z.boolean().optional(), unique: z.boolean().optional(),
  }).passthrough(),
}).passthrough();

function createCustomField(req: SandboxRequest, ctx: SalesforceContext): Reply {
  if (!ctx.settings.canCustomize) throw new SalesforceError(403, 'INSUFFICIENT_ACCESS', 'insufficient access rights on cross-reference id');
  const { FullName, Metadata } = parseBody(req, customFieldSchema);
  const [object = '', name = ''] = FullName.split('.');
  if (!isObjectName(object)) throw new SalesforceError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`);
  if (ctx.schema.field(object, name)) throw new SalesforceError(400, 'DUPLICATE_DEVELOPER_NAME', `There is already a field named ${name} on ${object}.`);
  ctx.schema.addCustomField(object, { name, label: Metadata.label, type: 'string', length: Metadata.length, externalId: Metadata.externalId ?? false, unique: Metadata.unique ?? false });
  ctx.store.reindex();
  return { status: 201, body: { id: `00NFe${String(Date.now() % 1e10).padStart(10, '0')}`, success: true, errors: [] } };
}

export function addToolingRoutes(router: Router<SalesforceRoute>): void {
  router.add('POST', '/services/data/:version/tooling/sobjects/CustomField', { handler: createCustomField, kind: 'api' });
}
