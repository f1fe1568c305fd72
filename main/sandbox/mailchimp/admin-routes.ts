import { z } from 'zod';
import { adminBody } from '../shared/admin-body';
import { adminOk, sandboxAdminRouter, type AdminHandler } from '../shared/admin-routes';
import type { Router } from '../shared/router';
import type { MailchimpSandboxAdmin } from './admin';
import { MEMBER_STATUSES } from './state';

const keySchema = z.object({ key: z.string().min(1) }).strict();
const limitsSchema = z.object({ connections: z.number().int().min(1).optional(), serviceMs: z.number().int().min(0).max(120_000).optional(), mergeFields: z.number().int().min(1).max(1000).optional() }).strict();
const complianceSchema = z.object({ answer: z.enum(['errors', 'silent']) }).strict();
const rejectSchema = z.object({ pattern: z.string().nullable() }).strict();
const editSchema = z.object({ email: z.string().min(1), merge_fields: z.record(z.string(), z.string()) }).strict();
const emailSchema = z.object({ email: z.string().min(1) }).strict();
const holdSchema = z.object({ hold: z.boolean() }).strict();
const batchIdSchema = z.object({ id: z.string().min(1) }).strict();
const statusSchema = z.object({ email: z.string().min(1), status: z.enum(MEMBER_STATUSES) }).strict();

/** Mailchimp's own /__sandbox/ routes, on top of the shared reset, faults, requests and state. */
export function adminRouter(): Router<AdminHandler<MailchimpSandboxAdmin>> {
  return sandboxAdminRouter<MailchimpSandboxAdmin>()
    .add('POST', '/__sandbox/keys', (req, admin) => { admin.registerKey(adminBody(req, keySchema).key); return adminOk; })
    .add('POST', '/__sandbox/keys/revoke', (req, admin) => (admin.revokeKey(adminBody(req, keySchema).key) ? adminOk : { status: 404, body: { error: 'unknown key' } }))
    .add('PUT', '/__sandbox/limits', (req, admin) => {
      const body = adminBody(req, limitsSchema);
      if (body.connections !== undefined) admin.setConnectionLimit(body.connections);
      if (body.serviceMs !== undefined) admin.setServiceMs(body.serviceMs);
      if (body.mergeFields !== undefined) admin.setMergeFieldLimit(body.mergeFields);
      return adminOk;
    })
    .add('PUT', '/__sandbox/batch-compliance', (req, admin) => { admin.setBatchComplianceAnswer(adminBody(req, complianceSchema).answer); return adminOk; })
    // Mailchimp's batch queue: hold accepted batches, or run the held ones now (batches.ts)
    .add('PUT', '/__sandbox/batches', (req, admin) => { admin.holdBatches(adminBody(req, holdSchema).hold); return adminOk; })
    .add('POST', '/__sandbox/batches/run', (_req, admin) => ({ status: 200, body: { ran: admin.runBatches() } }))
    // Mailchimp forgetting a batch, or only deleting its results archive (batch-results.ts)
    .add('POST', '/__sandbox/batches/forget', (req, admin) => (admin.forgetBatch(adminBody(req, batchIdSchema).id) ? adminOk : { status: 404, body: { error: 'no such batch' } }))
    .add('POST', '/__sandbox/batches/drop-results', (req, admin) => (admin.dropBatchResults(adminBody(req, batchIdSchema).id) ? adminOk : { status: 404, body: { error: 'no such results' } }))
    .add('PUT', '/__sandbox/reject-emails', (req, admin) => { admin.rejectEmails(adminBody(req, rejectSchema).pattern); return adminOk; })
    .add('PUT', '/__sandbox/member-status', (req, admin) => {
      const { email, status } = adminBody(req, statusSchema);
      return admin.setMemberStatus(email, status) ? adminOk : { status: 404, body: { error: 'no such member' } };
    })
    // what a Mailchimp user does in the app: edit a contact's fields, archive a contact
    .add('PATCH', '/__sandbox/member', (req, admin) => {
      const { email, merge_fields: fields } = adminBody(req, editSchema);
      return admin.editMember(email, fields) ? adminOk : { status: 404, body: { error: 'no such member' } };
    })
    .add('POST', '/__sandbox/member/archive', (req, admin) => (admin.archiveMember(adminBody(req, emailSchema).email) ? adminOk : { status: 404, body: { error: 'no such member' } }))
    .add('GET', '/__sandbox/members', (_req, admin) => ({ status: 200, body: { members: admin.members() } }));
}
