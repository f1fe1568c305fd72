import { z } from 'zod';
import { adminBody } from '../shared/admin-body';
import { adminOk, sandboxAdminRouter, type AdminHandler } from '../shared/admin-routes';
import { consentSchema } from '../shared/consent';
import type { Router } from '../shared/router';
import type { HubSpotSandboxAdmin } from './admin';


const tokenSchema = z.object({ token: z.string().min(1), scopes: z.array(z.string()).optional(), expiresAt: z.number().int().optional() }).strict();
const expireSchema = z.object({ token: z.string().min(1) }).strict();
const oauthAppSchema = z.object({
  clientId: z.string().min(1), clientSecret: z.string().optional(), redirectUri: z.string().url(),
  scopes: z.array(z.string()).optional(), optionalScopes: z.array(z.string()).optional(), accessTokenTtlMs: z.number().int().positive().optional(),
}).strict();
const limitsSchema = z.object({
  rateLimit: z.number().int().min(0).optional(), dailyLimit: z.number().int().min(0).optional(), searchPerSecond: z.number().int().min(0).optional(),
}).strict();
const ungrantableSchema = z.object({ scopes: z.array(z.string()) }).strict();
const rejectSchema = z.object({ pattern: z.string().nullable() }).strict();
const writeContactsSchema = z.object({
  contacts: z.array(z.object({ id: z.string().optional(), properties: z.record(z.string(), z.string()) }).strict()).max(20_000),
}).strict();
const lagSchema = z.object({ ms: z.number().int().min(0) }).strict();

/** HubSpot's own /__sandbox/ routes, on top of the shared reset, faults, requests and state. */
export function adminRouter(): Router<AdminHandler<HubSpotSandboxAdmin>> {
  return sandboxAdminRouter<HubSpotSandboxAdmin>()
    .add('POST', '/__sandbox/tokens', (req, admin) => { admin.registerToken(adminBody(req, tokenSchema)); return adminOk; })
    .add('POST', '/__sandbox/tokens/expire', (req, admin) => {
      const { token } = adminBody(req, expireSchema);
      return admin.expireToken(token) ? adminOk : { status: 404, body: { error: `unknown token` } };
    })
    .add('POST', '/__sandbox/oauth-apps', (req, admin) => { admin.registerOAuthApp(adminBody(req, oauthAppSchema)); return adminOk; })
    .add('PUT', '/__sandbox/oauth-consent', (req, admin) => { admin.setConsent(adminBody(req, consentSchema).decision); return adminOk; })
    .add('PUT', '/__sandbox/oauth-ungrantable-scopes', (req, admin) => { admin.setUngrantableScopes(adminBody(req, ungrantableSchema).scopes); return adminOk; })
    .add('PUT', '/__sandbox/limits', (req, admin) => { admin.setLimits(adminBody(req, limitsSchema)); return adminOk; })
    .add('PUT', '/__sandbox/reject-emails', (req, admin) => { admin.rejectEmails(adminBody(req, rejectSchema).pattern); return adminOk; })
    .add('PUT', '/__sandbox/search-lag', (req, admin) => { admin.setSearchLag(adminBody(req, lagSchema).ms); return adminOk; })
    .add('POST', '/__sandbox/contacts', (req, admin) => ({ status: 200, body: { results: admin.writeContacts(adminBody(req, writeContactsSchema).contacts) } }))
    .add('GET', '/__sandbox/contacts', (_req, admin) => ({ status: 200, body: { results: admin.contacts() } }))
    .add('GET', '/__sandbox/companies', (_req, admin) => ({ status: 200, body: { results: admin.companies() } }))
    .add('GET', '/__sandbox/contacts/:id/notes', (req, admin) => ({ status: 200, body: { results: admin.notesForContact(req.params.id ?? '') } }));
}
