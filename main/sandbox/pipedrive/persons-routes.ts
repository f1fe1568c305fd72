import { z } from 'zod';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { PipedriveContext, PipedriveRoute } from './context';
import { badRequest, notFound } from './errors';
import { rfc3339, type ListItem, type Person } from './store';
import { checkCustomValue, customValueOut } from './typed-fields';

/**
 * /api/v2/persons as Pipedrive answers it (developers.pipedrive.com/docs/api/v2/Persons):
 * add, update (PATCH, only the fields sent change), get, delete, list with
 * `updated_since`, `sort_by`, `custom_fields` (at most 15 keys), `limit` (at
 * most 500) and an opaque `cursor`; search by custom fields with `exact_match`
 * (not case-sensitive; only varchar, text, address, varchar_auto, double,
 * monetary and phone fields are searchable).
 */
const listItem = z.object({ value: z.string(), primary: z.boolean().optional(), label: z.string().optional() }).passthrough();
const bodySchema = z.object({
  name: z.string().optional(),
  emails: z.array(listItem).optional(),
  phones: z.array(listItem).optional(),
  custom_fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.null()])).optional(),
}).passthrough();

const LABELS = new Set(['work', 'home', 'mobile', 'other']);
const SEARCHABLE = new Set(['address', 'varchar', 'text', 'varchar_auto', 'double', 'monetary', 'phone']);

function body(req: SandboxRequest): z.infer<typeof bodySchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(req.rawBody || '{}');
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) throw badRequest(`Validation failed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function items(list: z.infer<typeof listItem>[], what: string): ListItem[] {
  return list.map((i) => {
    const label = i.label ?? 'work';
    if (!LABELS.has(label)) throw badRequest(`Validation failed: ${what}.label: must be one of work, home, mobile, other`);
    return { value: i.value, primary: i.primary ?? false, label };
  });
}

function customFields(ctx: PipedriveContext, values: Record<string, string | number | boolean | unknown[] | null>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) {
    const field = ctx.store.customField(key);
    if (!field) throw badRequest(`Validation failed: custom_fields.${key}: field does not exist`);
    out[key] = checkCustomValue(field, value);
  }
  return out;
}

/** A person's custom fields (all, or those named) in the JSON types Pipedrive answers with. */
function customOut(ctx: PipedriveContext, p: Person, keys?: string[]): Record<string, unknown> {
  const names = keys ?? Object.keys(p.custom_fields);
  return Object.fromEntries(names.map((k) => [k, customValueOut(ctx.store.customField(k), p.custom_fields[k] ?? null)]));
}

function checkEmails(ctx: PipedriveContext, emails: ListItem[]): void {
  const pattern = ctx.settings.rejectEmailPattern;
  for (const e of emails) if (pattern?.test(e.value)) throw badRequest(`Validation failed: emails: '${e.value}' is not a valid email address`);
}

/** An RFC 3339 query parameter as ms, null when absent; 400 when it is not one. */
function instant(value: string | null, name: string): number | null {
  if (value === null || value === '') return null;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`Validation failed: ${name}: must be a date-time in RFC 3339 format`);
  return ms;
}

const out = (p: Person, ctx?: PipedriveContext, keys?: string[]): Omit<Person, 'custom_fields'> & { custom_fields: Record<string, unknown> } =>
  ({ ...p, emails: [...p.emails], phones: [...p.phones], custom_fields: ctx ? customOut(ctx, p, keys) : { ...p.custom_fields } });
const ok = (data: unknown, additional_data: unknown = null): Reply => ({ status: 200, body: { success: true, data, additional_data } });

function personOf(ctx: PipedriveContext, req: SandboxRequest): Person {
  const person = ctx.store.persons.get(Number(req.params.id));
  if (!person) throw notFound('Person not found');
  return person;
}

export function addPersonRoutes(api: Router<PipedriveRoute>): void {
  api.add('GET', '/api/v2/persons/search', { cost: 'search', write: false, handler: (req, ctx) => {
    const term = req.query.get('term') ?? '';
    const exact = req.query.get('exact_match') === 'true';
    if (term.length < (exact ? 1 : 2)) throw badRequest('Validation failed: term: the search term must be at least 2 characters long (1 with exact_match)');
    const fields = (req.query.get('fields') ?? 'custom_fields,email,name,notes,phone').split(',');
    const needle = term.toLowerCase();
    const match = (v: string | null | undefined): boolean => (v ?? '') !== '' && (exact ? v!.toLowerCase() === needle : v!.toLowerCase().includes(needle));
    const found = [...ctx.store.persons.values()].filter((p) =>
      (fields.includes('custom_fields') && Object.entries(p.custom_fields).some(([k, v]) => SEARCHABLE.has(ctx.store.customField(k)?.field_type ?? '') && match(v)))
      || (fields.includes('name') && match(p.name))
      || (fields.includes('email') && p.emails.some((e) => match(e.value))));
    return ok({ items: found.slice(0, 100).map((p) => ({ result_score: 1, item: { id: p.id, type: 'person', name: p.name, emails: p.emails.map((e) => e.value), phones: p.phones.map((e) => e.value), custom_fields: Object.values(p.custom_fields).filter((v) => match(v)) } })) }, { next_cursor: null });
  } });

  api.add('GET', '/api/v2/persons', { cost: 'list', write: false, handler: (req, ctx) => {
    const limit = Number(req.query.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('Validation failed: limit: must be an integer between 1 and 500');
    const keys = (req.query.get('custom_fields') ?? '').split(',').filter(Boolean);
    if (keys.length > 15) throw badRequest('Validation failed: custom_fields: a maximum of 15 keys is allowed');
    // `updated_since`: update_time "later than or equal to" it; `updated_until`: "earlier than" it; RFC 3339 (v2 getPersons)
    const since = instant(req.query.get('updated_since'), 'updated_since');
    const until = instant(req.query.get('updated_until'), 'updated_until');
    const sortBy = req.query.get('sort_by') ?? 'id';
    if (!['id', 'update_time', 'add_time'].includes(sortBy)) throw badRequest('Validation failed: sort_by: must be one of id, update_time, add_time');
    const desc = req.query.get('sort_direction') === 'desc';
    // `ids`: "up to 100 entity ids to fetch"; ones that do not exist are left out (v2 getPersons)
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean).map(Number);
    if (ids.length > 100) throw badRequest('Validation failed: ids: a maximum of 100 ids is allowed');
    const at = (time: string): number => Date.parse(time);
    let rows = [...ctx.store.persons.values()].filter((p) => (since === null || at(p.update_time) >= since) && (until === null || at(p.update_time) < until) && (ids.length === 0 || ids.includes(p.id)));
    // the cursor is a marker of "the first item on the next page" (core-api-concepts-pagination):
    // here the sort key of the last item sent, ties in one second broken by id, so a person
    // changed while a client pages moves behind the marker and is listed again, never skipped
    const key = (p: Person): string => (sortBy === 'update_time' ? `${p.update_time}#${String(p.id).padStart(12, '0')}` : sortBy === 'add_time' ? `${p.add_time}#${String(p.id).padStart(12, '0')}` : String(p.id).padStart(12, '0'));
    rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1));
    const cursor = req.query.get('cursor');
    if (cursor) {
      const after = Buffer.from(cursor, 'base64url').toString();
      if (!/^[\dTZ:#.-]+$/.test(after)) throw badRequest('Validation failed: cursor: invalid cursor');
      rows = rows.filter((p) => (desc ? key(p) < after : key(p) > after));
    }
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    const last = page.at(-1);
    return ok(page.map((p) => out(p, ctx, keys.length ? keys : undefined)),
      { next_cursor: more && last ? Buffer.from(key(last)).toString('base64url') : null });
  } });

  api.add('GET', '/api/v2/persons/:id', { cost: 'get', write: false, handler: (req, ctx) => ok(out(personOf(ctx, req), ctx)) });

  api.add('POST', '/api/v2/persons', { cost: 'update', write: true, handler: (req, ctx) => {
    const b = body(req);
    if (!b.name?.trim()) throw badRequest('Validation failed: name: Name must be given.');
    const emails = items(b.emails ?? [], 'emails');
    checkEmails(ctx, emails);
    const person = ctx.store.create({ name: b.name, emails, phones: items(b.phones ?? [], 'phones'), custom_fields: customFields(ctx, b.custom_fields ?? {}) }, ctx.now());
    return ok(out(person, ctx));
  } });

  api.add('PATCH', '/api/v2/persons/:id', { cost: 'update', write: true, handler: (req, ctx) => {
    const person = personOf(ctx, req);
    const b = body(req);
    if (b.name !== undefined && !b.name.trim()) throw badRequest('Validation failed: name: Name must be given.');
    const emails = b.emails === undefined ? undefined : items(b.emails, 'emails');
    if (emails) checkEmails(ctx, emails);
    const phones = b.phones === undefined ? undefined : items(b.phones, 'phones');
    const fields = b.custom_fields === undefined ? {} : customFields(ctx, b.custom_fields);
    if (b.name !== undefined) person.name = b.name;
    if (emails) person.emails = emails;
    if (phones) person.phones = phones;
    Object.assign(person.custom_fields, fields);
    person.update_time = rfc3339(ctx.now());
    return ok(out(person, ctx));
  } });

  // v1 mergePersons: store.merge (the `merge_with_id` person is kept, the other deleted).
  // Cost: unverified (charged as an update here).
  api.add('PUT', '/api/v1/persons/:id/merge', { cost: 'update', write: true, handler: (req, ctx) => {
    const other = personOf(ctx, req);
    let raw: unknown;
    try {
      raw = JSON.parse(req.rawBody || '{}');
    } catch {
      throw badRequest('Request body is not valid JSON');
    }
    const parsed = z.object({ merge_with_id: z.number().int() }).passthrough().safeParse(raw);
    if (!parsed.success) throw badRequest('Validation failed: merge_with_id: must be an integer');
    if (!ctx.store.persons.get(parsed.data.merge_with_id)) throw notFound('Person not found');
    if (parsed.data.merge_with_id === other.id) throw badRequest('Validation failed: merge_with_id: a person cannot be merged with itself');
    const keep = ctx.store.merge(other.id, parsed.data.merge_with_id, ctx.now())!;
    return { status: 200, body: { success: true, data: { ...out(keep, ctx), merge_what_id: other.id } } };
  } });

  // v2 deletePerson "marks a person as deleted. After 30 days, the person will be permanently
  // deleted" (store.markDeleted): reads, lists and a second delete answer as for no person (404)
  api.add('DELETE', '/api/v2/persons/:id', { cost: 'delete', write: false, handler: (req, ctx) => {
    const person = personOf(ctx, req);
    ctx.store.markDeleted(person.id, ctx.now());
    return ok({ id: person.id });
  } });
}
