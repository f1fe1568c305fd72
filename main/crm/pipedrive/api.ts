import { PersonsApiAxiosParamCreator as PersonsV1ApiAxiosParamCreator, RecentsApiAxiosParamCreator, UsersApiAxiosParamCreator } from 'pipedrive/v1';
import { PersonFieldsApiAxiosParamCreator, PersonsApiAxiosParamCreator, type AddPersonRequest, type UpdatePersonRequest } from 'pipedrive/v2';
import { z } from 'zod';
import { PipedriveHttpError, send, type TransportOptions, type WireRequest } from './transport';

/**
 * The Pipedrive calls Ferry makes, each built by the official SDK's request
 * factories (`*AxiosParamCreator`: path, query and JSON body exactly as the SDK
 * would send them) and sent by transport.ts. Persons and person fields use API
 * v2, which Pipedrive made the current persons API in 2025 (v2 costs fewer
 * budget tokens: pipedrive.readme.io/docs/guide-for-optimizing-api-usage);
 * the current user is v1 (/v1/users/me has no v2 twin).
 *
 * Answers are parsed leniently: a field Ferry needs that is missing is an
 * error; anything else Pipedrive adds is ignored.
 */

/** Pipedrive's largest page for v2 lists (getPersons, getPersonFields: "a maximum value of 500 is allowed"). */
export const PAGE_LIMIT = 500;

type Args = { url: string; options: { method?: string; data?: unknown } };

function wire(version: WireRequest['version'], args: Args): WireRequest {
  const data = args.options.data;
  return { version, url: args.url, method: (args.options.method ?? 'GET').toUpperCase(), ...(typeof data === 'string' && data !== '' ? { data } : {}) };
}

const persons = PersonsApiAxiosParamCreator();
const personFields = PersonFieldsApiAxiosParamCreator();
const users = UsersApiAxiosParamCreator();
const personsV1 = PersonsV1ApiAxiosParamCreator();
const recents = RecentsApiAxiosParamCreator();

const personSchema = z.object({
  id: z.number(),
  update_time: z.string().nullish(),
  custom_fields: z.record(z.string(), z.unknown()).nullish(),
}).passthrough();
const oneSchema = z.object({ data: personSchema }).passthrough();
const entrySchema = z.object({ value: z.string().nullish(), label: z.string().nullish(), primary: z.boolean().nullish() }).passthrough();
/** a person as a pull reads it: what the reverse mapping needs, every other field ignored */
const fullPersonSchema = personSchema.extend({
  name: z.string().nullish(),
  emails: z.array(entrySchema).nullish().catch(null),
  phones: z.array(entrySchema).nullish().catch(null),
});
const cursorSchema = z.object({ next_cursor: z.string().nullish() }).passthrough().nullish();
const listSchema = z.object({ data: z.array(personSchema).nullish(), additional_data: cursorSchema }).passthrough();
const fullListSchema = z.object({ data: z.array(fullPersonSchema).nullish(), additional_data: cursorSchema }).passthrough();
const fieldSchema = z.object({
  field_code: z.string(), field_name: z.string(), field_type: z.string(), is_custom_field: z.boolean().optional(),
  options: z.array(z.object({ id: z.number(), label: z.string() }).passthrough()).nullish().catch(undefined),
}).passthrough();
const fieldListSchema = z.object({ data: z.array(fieldSchema).nullish(), additional_data: cursorSchema }).passthrough();
const fieldOneSchema = z.object({ data: fieldSchema }).passthrough();
const searchSchema = z.object({
  data: z.object({ items: z.array(z.object({ item: z.object({ id: z.number() }).passthrough() }).passthrough()).nullish() }).passthrough().nullish(),
}).passthrough();
const mergedSchema = z.object({ data: z.object({ id: z.number() }).passthrough() }).passthrough();
/** v1 getRecents with items=person: `{ item, id, data }` entries, `data` a v1 person (MergePersonItem), null for none */
const recentsSchema = z.object({
  data: z.array(z.object({
    item: z.string().nullish(),
    id: z.number().nullish(),
    data: z.object({ id: z.number().nullish(), active_flag: z.boolean().nullish().catch(null), update_time: z.string().nullish().catch(null) }).passthrough().nullish(),
  }).passthrough()).nullish(),
  additional_data: z.object({
    pagination: z.object({ more_items_in_collection: z.boolean().nullish() }).passthrough().nullish().catch(null),
  }).passthrough().nullish().catch(null),
}).passthrough();
const userSchema = z.object({
  data: z.object({ company_id: z.number().nullish(), company_domain: z.string().nullish() }).passthrough(),
}).passthrough();

export type PersonField = z.infer<typeof fieldSchema>;
export type PersonBody = AddPersonRequest & UpdatePersonRequest;
export interface PersonPage {
  persons: Array<{ id: number; updateTime: string | null; customFields: Record<string, unknown> }>;
  nextCursor: string | null;
}
/** One person in v1 recents: its id, whether Pipedrive has it as active, and its update_time (`YYYY-MM-DD HH:MM:SS`, UTC) */
export interface RecentPerson { id: number; active: boolean; updateTime: string | null }
/** `entries`: how many entries the answer carried (persons without an id included) */
export interface RecentPage { persons: RecentPerson[]; entries: number; more: boolean }
export interface ListEntryRead { value: string; label: string | null; primary: boolean }
export interface FullPersonPage {
  persons: Array<{ id: number; updateTime: string | null; name: string; emails: ListEntryRead[]; phones: ListEntryRead[]; customFields: Record<string, unknown> }>;
  nextCursor: string | null;
}
const entries = (list: z.infer<typeof entrySchema>[] | null | undefined): ListEntryRead[] =>
  (list ?? []).map((e) => ({ value: e.value ?? '', label: e.label ?? null, primary: e.primary === true }));

function parse<T>(schema: z.ZodType<T>, body: unknown, path: string): T {
  const parsed = schema.safeParse(body);
  // a 2xx answer without what Ferry needs: the same as an unreadable answer
  if (!parsed.success) throw new PipedriveHttpError(200, {}, body, path);
  return parsed.data;
}

export interface PipedriveApi {
  addPerson(body: PersonBody): Promise<number>;
  updatePerson(id: number, body: PersonBody): Promise<number>;
  /** one page of persons with only the given custom fields, oldest update first */
  listPersons(o: { customFieldKeys: string[]; updatedSince?: string; cursor?: string }): Promise<PersonPage>;
  /**
   * One page of persons changed at or after `updatedSince` (every person without it), oldest
   * update first, with names, e-mails, phones and the given custom fields (all of them
   * when `customFieldKeys` is undefined: the parameter takes at most 15).
   */
  listChangedPersons(o: { customFieldKeys?: string[]; updatedSince?: string; cursor?: string }): Promise<FullPersonPage>;
  /** these persons (at most 100) with only the given custom fields (at most 15), in their JSON types */
  readPersons(ids: number[], customFieldKeys: string[]): Promise<Array<{ id: number; customFields: Record<string, unknown> }>>;
  /** ids of persons whose custom fields hold exactly `term` (itemSearch behind /v2/persons/search) */
  searchByCustomField(term: string): Promise<number[]>;
  /** marks a person deleted (v2 deletePerson: "After 30 days, the person will be permanently deleted") */
  deletePerson(id: number): Promise<void>;
  /** merges `otherId` into `survivorId` (v1 mergePersons, `merge_with_id`: the person whose data is kept); resolves with the survivor's id */
  mergePersons(survivorId: number, otherId: number): Promise<number>;
  /**
   * One page of v1 recents for persons changed after `since` (`YYYY-MM-DD HH:MM:SS`, UTC),
   * from offset `start`, `limit` a page; deleted ones have `active: false`
   */
  recentPersons(o: { since: string; start: number; limit: number }): Promise<RecentPage>;
  personFields(): Promise<PersonField[]>;
  addPersonField(name: string, type: 'varchar' | 'text'): Promise<PersonField>;
  currentUser(): Promise<{ companyId: number | null; companyDomain: string | null }>;
}

export function pipedriveApi(transport: TransportOptions): PipedriveApi {
  const call = async (request: WireRequest): Promise<unknown> => send(request, transport);
  return {
    async addPerson(body) {
      return parse(oneSchema, await call(wire('v2', await persons.addPerson(body))), '/persons').data.id;
    },
    async updatePerson(id, body) {
      return parse(oneSchema, await call(wire('v2', await persons.updatePerson(id, body))), `/persons/${id}`).data.id;
    },
    async listPersons(o) {
      const args = await persons.getPersons(undefined, undefined, undefined, undefined, undefined, o.updatedSince, undefined, 'update_time', 'asc', undefined, o.customFieldKeys.join(','), undefined, undefined, PAGE_LIMIT, o.cursor);
      const page = parse(listSchema, await call(wire('v2', args)), '/persons');
      return {
        persons: (page.data ?? []).map((p) => ({ id: p.id, updateTime: p.update_time ?? null, customFields: p.custom_fields ?? {} })),
        nextCursor: page.additional_data?.next_cursor ?? null,
      };
    },
    async listChangedPersons(o) {
      const args = await persons.getPersons(undefined, undefined, undefined, undefined, undefined, o.updatedSince, undefined, 'update_time', 'asc', undefined, o.customFieldKeys?.join(','), undefined, undefined, PAGE_LIMIT, o.cursor);
      const page = parse(fullListSchema, await call(wire('v2', args)), '/persons');
      return {
        persons: (page.data ?? []).map((p) => ({
          id: p.id, updateTime: p.update_time ?? null, name: p.name ?? '', emails: entries(p.emails), phones: entries(p.phones), customFields: p.custom_fields ?? {},
        })),
        nextCursor: page.additional_data?.next_cursor ?? null,
      };
    },
    async readPersons(ids, keys) {
      const args = await persons.getPersons(undefined, ids.join(','), undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, keys.join(','), undefined, undefined, ids.length);
      const page = parse(listSchema, await call(wire('v2', args)), '/persons');
      return (page.data ?? []).map((p) => ({ id: p.id, customFields: p.custom_fields ?? {} }));
    },
    async searchByCustomField(term) {
      const body = parse(searchSchema, await call(wire('v2', await persons.searchPersons(term, 'custom_fields', true))), '/persons/search');
      return (body.data?.items ?? []).map((i) => i.item.id);
    },
    async deletePerson(id) {
      await call(wire('v2', await persons.deletePerson(id)));
    },
    async mergePersons(survivorId, otherId) {
      return parse(mergedSchema, await call(wire('v1', await personsV1.mergePersons(otherId, { merge_with_id: survivorId }))), `/persons/${otherId}/merge`).data.id;
    },
    async recentPersons(o) {
      const page = parse(recentsSchema, await call(wire('v1', await recents.getRecents(o.since, 'person', o.start, o.limit))), '/recents');
      const persons: RecentPerson[] = [];
      for (const entry of page.data ?? []) {
        const id = entry.id ?? entry.data?.id;
        if ((entry.item ?? 'person') !== 'person' || typeof id !== 'number') continue;
        // a person whose data is null, or whose active_flag is false, is no longer a live person there
        persons.push({ id, active: !(entry.data === null || entry.data?.active_flag === false), updateTime: entry.data?.update_time ?? null });
      }
      return { persons, entries: page.data?.length ?? 0, more: page.additional_data?.pagination?.more_items_in_collection === true };
    },
    async personFields() {
      const out: PersonField[] = [];
      let cursor: string | undefined;
      do {
        const page = parse(fieldListSchema, await call(wire('v2', await personFields.getPersonFields(undefined, PAGE_LIMIT, cursor))), '/personFields');
        out.push(...(page.data ?? []));
        cursor = page.additional_data?.next_cursor ?? undefined;
      } while (cursor);
      return out;
    },
    async addPersonField(name, type) {
      return parse(fieldOneSchema, await call(wire('v2', await personFields.addPersonField({ field_name: name, field_type: type }))), '/personFields').data;
    },
    async currentUser() {
      const me = parse(userSchema, await call(wire('v1', await users.getCurrentUser())), '/users/me').data;
      return { companyId: me.company_id ?? null, companyDomain: me.company_domain ?? null };
    },
  };
}
