import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { ZohoContext, ZohoRoute } from './context';
import { MAX_FIELDS_PER_CREATE, type FieldMeta } from './fields';
import type { ZohoLimits } from './limits';
import { invalidData, invalidModule } from './wire';

/**
 * The metadata Ferry reads and writes:
 * - GET /crm/{version}/settings/fields?module=Contacts (field-meta.html): every field's api_name, type, length, unique;
 * - POST /crm/{version}/settings/fields?module=Contacts (create-custom-field.html): at most 5 fields
 *   per call, `unique: { case_sensitive: false }`, each answered `{ code: SUCCESS, details: { id } }`;
 * - GET /crm/{version}/org (get-org-data.html): the org's id, and its edition and licences in `license_details`.
 */

function fieldOut(f: FieldMeta): Record<string, unknown> {
  return {
    api_name: f.api_name, field_label: f.field_label, display_label: f.field_label, data_type: f.data_type, length: f.length,
    custom_field: f.custom_field, system_mandatory: f.system_mandatory, unique: f.unique ? { casesensitive: 'false' } : {}, id: `4150868000000${f.api_name.length}${f.field_label.length}`,
    // field-meta.html: `read_only` (system-defined, never writable) and `field_read_only` (made read-only in the layout)
    read_only: f.read_only === true, field_read_only: f.read_only === true,
    ...(f.pick_list_values ? { pick_list_values: f.pick_list_values.map((v, i) => ({ ...v, sequence_number: i + 1, type: 'used', id: `41508680000${i}` })) } : {}),
  };
}

function listFields(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.query.get('module') !== 'Contacts') throw invalidModule();
  return { status: 200, body: { fields: ctx.store.fields().map(fieldOut) } };
}

/** The types create-custom-field.html lets Ferry (or a test, as an admin) create; picklists carry `pick_list_values`. */
const DATA_TYPES = new Set(['text', 'textarea', 'email', 'phone', 'website', 'integer', 'double', 'currency', 'date', 'datetime', 'boolean', 'picklist', 'multiselectpicklist']);

function pickListValues(raw: unknown): FieldMeta['pick_list_values'] {
  if (!Array.isArray(raw)) return undefined;
  return raw.map((v: unknown) => {
    const o = (v ?? {}) as { display_value?: unknown; actual_value?: unknown };
    const display = typeof o.display_value === 'string' ? o.display_value : String(o.actual_value ?? '');
    return { display_value: display, actual_value: typeof o.actual_value === 'string' ? o.actual_value : display };
  });
}

function createFields(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.query.get('module') !== 'Contacts') throw invalidModule();
  let body: { fields?: unknown };
  try {
    body = JSON.parse(req.rawBody) as { fields?: unknown };
  } catch {
    throw invalidData({}, 'body is not a valid JSON');
  }
  if (!Array.isArray(body.fields) || body.fields.length === 0) throw invalidData({ api_name: 'fields' });
  if (body.fields.length > MAX_FIELDS_PER_CREATE) throw invalidData({ api_name: 'fields', maximum_length: MAX_FIELDS_PER_CREATE }, 'a maximum of five fields can be created in a single API call');
  const results = body.fields.map((raw: unknown, i) => {
    const f = (raw ?? {}) as { field_label?: unknown; data_type?: unknown; length?: unknown; unique?: unknown; pick_list_values?: unknown };
    if (typeof f.field_label !== 'string' || !f.field_label.trim() || typeof f.data_type !== 'string' || !DATA_TYPES.has(f.data_type)) {
      return { code: 'INVALID_DATA', details: { json_path: `$.fields[${i}]` }, message: 'invalid data', status: 'error' };
    }
    try {
      const created = ctx.store.addField({
        field_label: f.field_label, data_type: f.data_type as FieldMeta['data_type'],
        ...(typeof f.length === 'number' ? { length: f.length } : {}), unique: typeof f.unique === 'object' && f.unique !== null,
        ...(f.data_type === 'picklist' || f.data_type === 'multiselectpicklist' ? { pick_list_values: pickListValues(f.pick_list_values) ?? [] } : {}),
      });
      return { code: 'SUCCESS', details: { id: fieldOut(created).id }, message: 'field created', status: 'success' };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return /unique/.test(error.message)
        ? { code: 'LIMIT_EXCEEDED', details: { api_name: 'unique', json_path: `$.fields[${i}].unique` }, message: 'maximum unique fields limit reached', status: 'error' }
        : { code: 'DUPLICATE_DATA', details: { api_name: 'field_label', json_path: `$.fields[${i}].field_label` }, message: 'duplicate data', status: 'error' };
    }
  });
  const ok = results.filter((r) => r.status === 'success').length;
  return { status: ok === results.length ? 201 : ok === 0 ? 400 : 207, body: { fields: results } };
}

function org(limits: ZohoLimits) {
  return (_req: SandboxRequest, ctx: ZohoContext): Reply => {
    const l = limits.current();
    return {
      status: 200,
      body: {
        org: [{
          id: ctx.settings.orgId, zgid: ctx.settings.orgId, domain_name: `org${ctx.settings.orgId}`, company_name: 'Ferry Sandbox Org', country_code: 'US',
          license_details: { paid: l.edition !== 'free', paid_type: l.edition, users_license_purchased: l.licences, trial_type: null },
        }],
      },
    };
  };
}

export function addSettingsRoutes(api: Router<ZohoRoute>, limits: ZohoLimits): void {
  api.add('GET', '/crm/:version/settings/fields', { handler: listFields, scopes: ['ZohoCRM.settings.fields.READ'], credits: 1 });
  api.add('POST', '/crm/:version/settings/fields', { handler: createFields, scopes: ['ZohoCRM.settings.fields.CREATE'], credits: 1 });
  api.add('GET', '/crm/:version/org', { handler: org(limits), scopes: ['ZohoCRM.org.READ'], credits: 1 });
}
