import { z } from 'zod';
import { adminBody } from '../shared/admin-body';
import { adminOk, sandboxAdminRouter, type AdminHandler } from '../shared/admin-routes';
import { consentSchema } from '../shared/consent';
import type { Router } from '../shared/router';
import type { SalesforceSandboxAdmin } from './admin';
import { OBJECT_NAMES, type ObjectName } from './schema';


const objectSchema = z.enum(OBJECT_NAMES as [ObjectName, ...ObjectName[]]);
const tokenSchema = z.object({ token: z.string().min(1), expiresAt: z.number().int().optional() }).strict();
const expireSchema = z.object({ token: z.string().min(1).optional() }).strict();
const appSchema = z.object({
  clientId: z.string().min(1), clientSecret: z.string().optional(), redirectUri: z.string().url(), accessTokenTtlMs: z.number().int().positive().optional(),
  requireSecretForRefresh: z.boolean().optional(),
}).strict();
const rotationSchema = z.object({ rotate: z.boolean() }).strict();
const schemaSchema = z.object({ ferryIdField: z.boolean().optional(), ferryIdExternal: z.boolean().optional(), ferryIdUnique: z.boolean().optional() }).strict();
/** A custom field as an org admin would add it in Setup (Text or Long Text Area, optionally read-only for the API user). */
const customFieldSchema = z.object({
  object: objectSchema,
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/),
  label: z.string().min(1),
  type: z.enum(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'date', 'datetime', 'double', 'int', 'currency', 'boolean']).optional(),
  picklistValues: z.array(z.string().min(1)).optional(),
  restrictedPicklist: z.boolean().optional(),
  length: z.number().int().min(1).max(131_072).optional(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  externalId: z.boolean().optional(),
  unique: z.boolean().optional(),
}).strict();
const hideSchema = z.object({ object: objectSchema, field: z.string().min(1), hidden: z.boolean().optional() }).strict();
const limitSchema = z.object({ dailyLimit: z.number().int().min(0) }).strict();
const usageSchema = z.object({ used: z.number().int().min(0) }).strict();
const validationSchema = z.object({ name: z.string().min(1), object: objectSchema.optional(), field: z.string().min(1), pattern: z.string(), message: z.string().min(1) }).strict();
const duplicateSchema = z.object({ object: objectSchema, action: z.enum(['block', 'allow']), name: z.string().optional() }).strict();
const lockedRowsSchema = z.object({ count: z.number().int().min(0) }).strict();
const rejectSchema = z.object({ pattern: z.string().nullable() }).strict();
const editSchema = z.object({ fields: z.record(z.string(), z.string()) }).strict();
const seedSchema = z.object({ type: objectSchema, fields: z.record(z.string(), z.string()) }).strict();
const purgeSchema = z.object({ before: z.number().int().min(0) }).strict();

/** Salesforce's own /__sandbox/ routes, on top of the shared reset, faults, requests and state. */
export function adminRouter(): Router<AdminHandler<SalesforceSandboxAdmin>> {
  return sandboxAdminRouter<SalesforceSandboxAdmin>()
    .add('POST', '/__sandbox/tokens', (req, admin) => { const t = adminBody(req, tokenSchema); admin.registerToken(t.token, t.expiresAt); return adminOk; })
    .add('POST', '/__sandbox/tokens/expire', (req, admin) => {
      const { token } = adminBody(req, expireSchema);
      if (token === undefined) { admin.expireAllTokens(); return adminOk; }
      return admin.expireToken(token) ? adminOk : { status: 404, body: { error: 'unknown token' } };
    })
    .add('POST', '/__sandbox/connected-apps', (req, admin) => { admin.registerConnectedApp(adminBody(req, appSchema)); return adminOk; })
    .add('PUT', '/__sandbox/oauth-consent', (req, admin) => { admin.setConsent(adminBody(req, consentSchema).decision); return adminOk; })
    .add('PUT', '/__sandbox/refresh-token-rotation', (req, admin) => { admin.setRefreshTokenRotation(adminBody(req, rotationSchema).rotate); return adminOk; })
    .add('PUT', '/__sandbox/schema', (req, admin) => { admin.configureSchema(adminBody(req, schemaSchema)); return adminOk; })
    .add('POST', '/__sandbox/custom-fields', (req, admin) => { const { object, ...def } = adminBody(req, customFieldSchema); admin.addCustomField(object, def); return adminOk; })
    .add('PUT', '/__sandbox/field-security', (req, admin) => { const b = adminBody(req, hideSchema); admin.hideField(b.object, b.field, b.hidden ?? true); return adminOk; })
    .add('PUT', '/__sandbox/limits', (req, admin) => { admin.setDailyLimit(adminBody(req, limitSchema).dailyLimit); return adminOk; })
    .add('PUT', '/__sandbox/api-usage', (req, admin) => { admin.setApiUsage(adminBody(req, usageSchema).used); return adminOk; })
    .add('POST', '/__sandbox/validation-rules', (req, admin) => { admin.addValidationRule(adminBody(req, validationSchema)); return adminOk; })
    .add('POST', '/__sandbox/duplicate-rules', (req, admin) => { admin.addDuplicateRule(adminBody(req, duplicateSchema)); return adminOk; })
    .add('DELETE', '/__sandbox/rules', (_req, admin) => { admin.clearRules(); return adminOk; })
    .add('PUT', '/__sandbox/locked-rows', (req, admin) => { admin.lockRows(adminBody(req, lockedRowsSchema).count); return adminOk; })
    .add('PUT', '/__sandbox/reject-emails', (req, admin) => { admin.rejectEmails(adminBody(req, rejectSchema).pattern); return adminOk; })
    .add('POST', '/__sandbox/records', (req, admin) => { const s = adminBody(req, seedSchema); return { status: 201, body: { id: admin.seedRecord(s.type, s.fields) } }; })
    .add('PATCH', '/__sandbox/records/:id', (req, admin) => { admin.editRecord(req.params.id ?? '', adminBody(req, editSchema).fields); return adminOk; })
    .add('POST', '/__sandbox/delete-log/purge', (req, admin) => { admin.purgeDeleteLog(adminBody(req, purgeSchema).before); return adminOk; })
    .add('DELETE', '/__sandbox/query-cursors', (_req, admin) => { admin.releaseQueryCursors(); return adminOk; })
    .add('DELETE', '/__sandbox/records/:id', (req, admin) => (admin.deleteRecord(req.params.id ?? '') ? adminOk : { status: 404, body: { error: 'unknown record' } }))
    .add('GET', '/__sandbox/records/:type', (req, admin) => {
      const type = objectSchema.safeParse(req.params.type);
      if (!type.success) return { status: 404, body: { error: `unknown object ${req.params.type ?? ''}` } };
      return { status: 200, body: { records: admin.records(type.data) } };
    });
}
