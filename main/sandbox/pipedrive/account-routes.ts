import { z } from 'zod';
import type { Router } from '../shared/router';
import type { PipedriveRoute } from './context';
import { badRequest, PipedriveError } from './errors';

const FIELD_TYPES = ['varchar', 'text', 'double', 'int', 'phone', 'date', 'daterange', 'time', 'timerange', 'set', 'enum', 'varchar_auto', 'address', 'monetary', 'org', 'people', 'user'] as const;
const addFieldSchema = z.object({ field_name: z.string().min(1), field_type: z.enum(FIELD_TYPES), options: z.array(z.object({ label: z.string().min(1) }).passthrough()).optional() }).passthrough();

/** Custom-field cap of the sandbox company (plans cap custom fields: 403 with `code` feature_capping_*, Pipedrive changelog 2022-03-30). */
export const MAX_CUSTOM_FIELDS = 30;

/** /api/v2/personFields (list, add) and /api/v1/users/me. */
export function addAccountRoutes(api: Router<PipedriveRoute>): void {
  api.add('GET', '/api/v2/personFields', { cost: 'list', write: false, handler: (_req, ctx) =>
    ({ status: 200, body: { success: true, data: ctx.store.fields, additional_data: { next_cursor: null } } }) });

  api.add('POST', '/api/v2/personFields', { cost: 'update', write: true, handler: (req, ctx) => {
    let raw: unknown;
    try {
      raw = JSON.parse(req.rawBody || '{}');
    } catch {
      throw badRequest('Request body is not valid JSON');
    }
    const parsed = addFieldSchema.safeParse(raw);
    if (!parsed.success) throw badRequest(`Validation failed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (ctx.store.fields.filter((f) => f.is_custom_field).length >= MAX_CUSTOM_FIELDS) {
      throw new PipedriveError(403, 'Couldn\'t add the custom field. Custom fields limit reached.', {}, { code: 'feature_capping_custom_fields_limit' });
    }
    return { status: 200, body: { success: true, data: ctx.store.addField(parsed.data.field_name, parsed.data.field_type, ctx.now(), parsed.data.options?.map((o) => o.label)), additional_data: null } };
  } });

  api.add('GET', '/api/v1/users/me', { cost: 'get', write: false, handler: (_req, ctx) => ({
    status: 200,
    body: { success: true, data: { id: 1, name: 'Sandbox User', email: 'sandbox@example.com', company_id: ctx.settings.companyId, company_domain: ctx.settings.companyDomain, company_name: 'Ferry Sandbox' } },
  }) });
}
