import { z } from 'zod';
import { ZOHO_EDITIONS, type ZohoEdition } from '../../../destinations/zoho';
import { adminBody } from '../shared/admin-body';
import { adminOk, sandboxAdminRouter, type AdminHandler } from '../shared/admin-routes';
import { consentSchema } from '../shared/consent';
import type { Router } from '../shared/router';
import type { ZohoSandboxAdmin } from './admin';

const tokenSchema = z.object({ token: z.string().min(1), scopes: z.array(z.string()).optional(), expiresAt: z.number().int().optional() }).strict();
const expireSchema = z.object({ token: z.string().min(1) }).strict();
const oauthAppSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), redirectUri: z.string().url(), accessTokenTtlMs: z.number().int().positive().optional() }).strict();
const editions = Object.keys(ZOHO_EDITIONS) as [ZohoEdition, ...ZohoEdition[]];
const limitsSchema = z.object({
  edition: z.enum(editions).optional(), licences: z.number().int().min(0).optional(),
  credits: z.number().int().min(0).optional(), concurrency: z.number().int().min(0).optional(),
}).strict();
const rejectSchema = z.object({ pattern: z.string().nullable() }).strict();
const fieldSchema = z.object({ apiName: z.string().min(1) }).strict();
const contactSchema = z.object({ fields: z.record(z.string(), z.string()) }).strict();

/** Zoho's own /__sandbox/ routes, on top of the shared reset, faults, requests and state. */
export function adminRouter(): Router<AdminHandler<ZohoSandboxAdmin>> {
  return sandboxAdminRouter<ZohoSandboxAdmin>()
    .add('POST', '/__sandbox/tokens', (req, admin) => { admin.registerToken(adminBody(req, tokenSchema)); return adminOk; })
    .add('POST', '/__sandbox/tokens/expire', (req, admin) => (admin.expireToken(adminBody(req, expireSchema).token) ? adminOk : { status: 404, body: { error: 'unknown token' } }))
    .add('POST', '/__sandbox/oauth-apps', (req, admin) => { admin.registerOAuthApp(adminBody(req, oauthAppSchema)); return adminOk; })
    .add('PUT', '/__sandbox/oauth-consent', (req, admin) => { admin.setConsent(adminBody(req, consentSchema).decision); return adminOk; })
    .add('PUT', '/__sandbox/limits', (req, admin) => { admin.setLimits(adminBody(req, limitsSchema)); return adminOk; })
    .add('PUT', '/__sandbox/reject-emails', (req, admin) => { admin.rejectEmails(adminBody(req, rejectSchema).pattern); return adminOk; })
    .add('POST', '/__sandbox/unique-fields', (req, admin) => { admin.markUnique(adminBody(req, fieldSchema).apiName); return adminOk; })
    .add('GET', '/__sandbox/contacts', (_req, admin) => ({ status: 200, body: { results: admin.contacts() } }))
    .add('POST', '/__sandbox/contacts', (req, admin) => ({ status: 201, body: { id: admin.seedContact(adminBody(req, contactSchema).fields) } }))
    .add('PATCH', '/__sandbox/contacts/:id', (req, admin) => {
      const { fields } = adminBody(req, contactSchema);
      if (!admin.contacts().some((c) => c.id === req.params.id)) return { status: 404, body: { error: 'unknown record' } };
      admin.editContact(req.params.id ?? '', fields);
      return adminOk;
    })
    .add('DELETE', '/__sandbox/contacts/:id', (req, admin) => (admin.deleteContact(req.params.id ?? '') ? adminOk : { status: 404, body: { error: 'unknown record' } }));
}
