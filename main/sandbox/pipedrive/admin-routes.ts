import { z } from 'zod';
import { adminBody } from '../shared/admin-body';
import { adminOk, sandboxAdminRouter, type AdminHandler } from '../shared/admin-routes';
import type { Router } from '../shared/router';
import type { PipedriveSandboxAdmin } from './admin';

const tokenSchema = z.object({ token: z.string().min(1), auth: z.enum(['api-token', 'oauth']).optional() }).strict();
const revokeSchema = z.object({ token: z.string().min(1) }).strict();
const limitsSchema = z.object({
  plan: z.enum(['lite', 'growth', 'premium', 'ultimate']).optional(),
  seats: z.number().int().min(1).optional(),
  burst: z.number().int().min(0).optional(),
  searchBurst: z.number().int().min(0).optional(),
  dailyBudget: z.number().int().min(0).optional(),
}).strict();
const listItems = z.array(z.union([z.string(), z.object({ value: z.string(), primary: z.boolean(), label: z.enum(['work', 'home', 'mobile', 'other']) }).strict()]));
const personSchema = z.object({
  name: z.string().min(1).optional(),
  emails: listItems.optional(),
  phones: listItems.optional(),
  custom: z.record(z.string(), z.string().nullable()).optional(),
}).strict();
const rejectSchema = z.object({ pattern: z.string().nullable() }).strict();

/** Pipedrive's own /__sandbox/ routes, on top of the shared reset, faults, requests and state. */
export function adminRouter(): Router<AdminHandler<PipedriveSandboxAdmin>> {
  return sandboxAdminRouter<PipedriveSandboxAdmin>()
    .add('POST', '/__sandbox/tokens', (req, admin) => { const t = adminBody(req, tokenSchema); admin.registerToken(t.token, t.auth); return adminOk; })
    .add('POST', '/__sandbox/tokens/revoke', (req, admin) => (admin.revokeToken(adminBody(req, revokeSchema).token) ? adminOk : { status: 404, body: { error: 'unknown token' } }))
    .add('PUT', '/__sandbox/limits', (req, admin) => { const l = adminBody(req, limitsSchema); admin.setLimits(Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined))); return adminOk; })
    .add('PUT', '/__sandbox/reject-emails', (req, admin) => { admin.rejectEmails(adminBody(req, rejectSchema).pattern); return adminOk; })
    .add('GET', '/__sandbox/persons', (_req, admin) => ({ status: 200, body: { results: admin.persons() } }))
    // as a user in Pipedrive: add a person, or edit one (update_time moves to now)
    .add('POST', '/__sandbox/persons', (req, admin) => {
      const p = adminBody(req, personSchema);
      if (!p.name) return { status: 400, body: { error: 'a person needs a name' } };
      return { status: 200, body: admin.seedPerson({ ...p, name: p.name }) };
    })
    .add('PATCH', '/__sandbox/persons/:id', (req, admin) => {
      const person = admin.editPerson(Number(req.params.id), adminBody(req, personSchema));
      return person ? { status: 200, body: person } : { status: 404, body: { error: 'unknown person' } };
    })
    .add('DELETE', '/__sandbox/persons/:id', (req, admin) => (admin.deletePerson(Number(req.params.id)) ? adminOk : { status: 404, body: { error: 'unknown person' } }));
}
