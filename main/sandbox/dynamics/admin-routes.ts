import { z } from 'zod';
import { adminBody } from '../shared/admin-body';
import { adminOk, sandboxAdminRouter, type AdminHandler } from '../shared/admin-routes';
import type { Router } from '../shared/router';
import type { DynamicsSandboxAdmin } from './admin';

const tokenSchema = z.object({ token: z.string().min(1) }).strict();
const customizeSchema = z.object({ allowed: z.boolean() }).strict();
const keyStatusSchema = z.object({ status: z.enum(['Pending', 'InProgress', 'Active', 'Failed']) }).strict();
const rejectSchema = z.object({ column: z.string().min(1), pattern: z.string(), message: z.string().min(1) }).strict();
const limitsSchema = z.object({
  windowMs: z.number().int().positive().optional(),
  requests: z.number().int().min(0).optional(),
  executionMs: z.number().int().min(0).optional(),
  concurrent: z.number().int().min(0).optional(),
  executionMsPerOperation: z.number().min(0).optional(),
}).strict();
const contactFieldsSchema = z.object({ fields: z.record(z.string(), z.string().nullable()) }).strict();
const trackingSchema = z.object({ enabled: z.boolean() }).strict();
const expireSchema = z.object({ days: z.number().int().min(0).max(365) }).strict();
const retryAfterSchema = z.object({ seconds: z.number().int().min(0) }).strict();

/** Dynamics 365's own /__sandbox/ routes, on top of the shared reset, faults, requests and state. */
export function adminRouter(): Router<AdminHandler<DynamicsSandboxAdmin>> {
  return sandboxAdminRouter<DynamicsSandboxAdmin>()
    .add('GET', '/__sandbox/contacts', (_req, admin) => ({ status: 200, body: { value: admin.contacts() } }))
    .add('POST', '/__sandbox/contacts', (req, admin) => ({ status: 201, body: { contactid: admin.seedContact(adminBody(req, contactFieldsSchema).fields) } }))
    .add('PATCH', '/__sandbox/contacts/:id', (req, admin) => {
      const id = req.params.id ?? '';
      if (!admin.contacts().some((c) => c.contactid === id.toLowerCase())) return { status: 404, body: { error: 'unknown contact' } };
      admin.editContact(id, adminBody(req, contactFieldsSchema).fields);
      return adminOk;
    })
    .add('DELETE', '/__sandbox/contacts/:id', (req, admin) => {
      const id = req.params.id ?? '';
      if (!admin.contacts().some((c) => c.contactid === id.toLowerCase())) return { status: 404, body: { error: 'unknown contact' } };
      admin.deleteContact(id);
      return adminOk;
    })
    .add('POST', '/__sandbox/change-tracking', (req, admin) => {
      const { enabled } = adminBody(req, trackingSchema);
      if (!enabled && admin.snapshot().changeTracking) return { status: 409, body: { error: 'change tracking cannot be turned off once it is on' } };
      admin.setChangeTracking(enabled);
      return adminOk;
    })
    .add('POST', '/__sandbox/change-tracking/expire-days', (req, admin) => { admin.setExpireChangeTrackingInDays(adminBody(req, expireSchema).days); return adminOk; })
    .add('GET', '/__sandbox/change-tracking/reads', (_req, admin) => ({ status: 200, body: admin.changeTrackingReads() }))
    .add('POST', '/__sandbox/tokens', (req, admin) => { admin.registerToken(adminBody(req, tokenSchema).token); return adminOk; })
    .add('POST', '/__sandbox/tokens/expire', (_req, admin) => { admin.expireTokens(); return adminOk; })
    .add('POST', '/__sandbox/customize', (req, admin) => { admin.setCanCustomize(adminBody(req, customizeSchema).allowed); return adminOk; })
    .add('POST', '/__sandbox/keys/status', (req, admin) => { admin.setKeyStatus(adminBody(req, keyStatusSchema).status); return adminOk; })
    .add('POST', '/__sandbox/reject-rules', (req, admin) => { const b = adminBody(req, rejectSchema); admin.addRejectRule(b.column, b.pattern, b.message); return adminOk; })
    .add('POST', '/__sandbox/limits', (req, admin) => { admin.configureLimits(adminBody(req, limitsSchema)); return adminOk; })
    .add('POST', '/__sandbox/retry-after', (req, admin) => { admin.setInjectedRetryAfter(adminBody(req, retryAfterSchema).seconds); return adminOk; });
}
