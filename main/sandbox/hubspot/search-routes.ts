import { z } from 'zod';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { validationError } from './errors';
import type { IndexedSnapshot } from './state';
import { parseBody, publicObject } from './wire';

/**
 * HubSpot's search limits: groups, filters per group, filters in all, results per
 * query, page size. developers.hubspot.com/docs/api-reference/2026-03/crm/search-the-crm,
 * "Limitations": "The search endpoints are rate limited to five requests per second"
 * (per token; limits.ts, searchPerSecond), "The maximum number of supported objects
 * per page is 200", "search endpoints are limited to 10,000 total results for any
 * given query. Attempting to page beyond 10,000 will result in a 400 error" (also
 * AWS Glue's HubSpot connector notes). Search requests are not counted in the
 * ten-secondly budget (crm-facts).
 */
const searchLimits = { groups: 5, filtersPerGroup: 10, filtersTotal: 25, maxResults: 10_000, maxPageSize: 200 } as const;

const operators = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;

const filterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(operators),
  value: z.string().optional(),
  highValue: z.string().optional(),
  values: z.array(z.string()).optional(),
}).strict();

const searchSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) }).strict()).default([]),
  properties: z.array(z.string()).optional(),
  sorts: z.array(z.union([z.string(), z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']) }).strict()])).optional(),
  query: z.string().optional(),
  limit: z.number().int().min(0).optional(),
  after: z.union([z.string(), z.number()]).optional(),
}).strict();

type Filter = z.infer<typeof filterSchema>;

const alwaysReturned = ['createdate', 'hs_object_id', 'lastmodifieddate'];
const defaultProperties = ['email', 'firstname', 'lastname'];

/** String comparisons are case-insensitive, as HubSpot's search on text properties is. */
function matches(snapshot: IndexedSnapshot, filter: Filter): boolean {
  const actual = snapshot.values[filter.propertyName];
  const norm = (v: string): string => v.toLowerCase();
  switch (filter.operator) {
    case 'HAS_PROPERTY': return actual !== undefined;
    case 'NOT_HAS_PROPERTY': return actual === undefined;
    case 'EQ': return actual !== undefined && filter.value !== undefined && norm(actual) === norm(filter.value);
    case 'NEQ': return actual === undefined || filter.value === undefined || norm(actual) !== norm(filter.value);
    case 'IN': return actual !== undefined && (filter.values ?? []).some((v) => norm(v) === norm(actual));
    case 'NOT_IN': return actual === undefined || !(filter.values ?? []).some((v) => norm(v) === norm(actual));
    case 'CONTAINS_TOKEN': return actual !== undefined && filter.value !== undefined && norm(actual).includes(norm(filter.value).replaceAll('*', ''));
    case 'NOT_CONTAINS_TOKEN': return actual === undefined || filter.value === undefined || !norm(actual).includes(norm(filter.value).replaceAll('*', ''));
    default: return compare(actual, filter);
  }
}

function compare(actual: string | undefined, filter: Filter): boolean {
  if (actual === undefined || filter.value === undefined) return false;
  const a = toComparable(actual);
  const v = toComparable(filter.value);
  switch (filter.operator) {
    case 'LT': return a < v;
    case 'LTE': return a <= v;
    case 'GT': return a > v;
    case 'GTE': return a >= v;
    case 'BETWEEN': return filter.highValue !== undefined && a >= v && a <= toComparable(filter.highValue);
    default: return false;
  }
}

function toComparable(value: string): number | string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value.toLowerCase() : ms;
}

function validate(input: z.infer<typeof searchSchema>): void {
  const groups = input.filterGroups;
  if (groups.length > searchLimits.groups) throw validationError(`Too many filter groups: ${groups.length}. The maximum is ${searchLimits.groups}.`);
  const total = groups.reduce((n, g) => n + g.filters.length, 0);
  if (total > searchLimits.filtersTotal) throw validationError(`Too many filters: ${total}. The maximum across all filter groups is ${searchLimits.filtersTotal}.`);
  for (const group of groups) {
    if (group.filters.length > searchLimits.filtersPerGroup) throw validationError(`Too many filters in a filter group: ${group.filters.length}. The maximum is ${searchLimits.filtersPerGroup}.`);
    for (const f of group.filters) {
      if ((f.operator === 'IN' || f.operator === 'NOT_IN') && (f.values === undefined || f.values.length === 0)) {
        throw validationError(`Operator ${f.operator} requires 'values' for property ${f.propertyName}`);
      }
      if (f.operator === 'BETWEEN' && (f.value === undefined || f.highValue === undefined)) {
        throw validationError(`Operator BETWEEN requires 'value' and 'highValue' for property ${f.propertyName}`);
      }
    }
  }
}

type Sorts = z.infer<typeof searchSchema>['sorts'];

/**
 * HubSpot sorts by one property ("You can use one sorting rule per search":
 * developers.hubspot.com/docs/api-reference/2026-03/crm/search-the-crm, "Sorting"),
 * ascending unless told otherwise; ties, and no sort, fall back to id order.
 */
function sortOrder(sorts: Sorts): (a: IndexedSnapshot, b: IndexedSnapshot) => number {
  const first = sorts?.[0];
  const byId = (a: IndexedSnapshot, b: IndexedSnapshot): number => Number(a.id) - Number(b.id);
  if (first === undefined) return byId;
  const property = typeof first === 'string' ? first.replace(/^-/, '') : first.propertyName;
  const sign = (typeof first === 'string' ? first.startsWith('-') : first.direction === 'DESCENDING') ? -1 : 1;
  return (a, b) => {
    const x = a.values[property];
    const y = b.values[property];
    if (x === undefined || y === undefined) return x === y ? byId(a, b) : x === undefined ? 1 : -1;
    const cx = toComparable(x);
    const cy = toComparable(y);
    return cx < cy ? -sign : cx > cy ? sign : byId(a, b);
  };
}

/** Where a search looks and what it returns by default: one per object type. */
interface SearchTarget {
  index(ctx: HubSpotContext): Iterable<IndexedSnapshot>;
  defaultProperties: string[];
  alwaysReturned: string[];
}

const contactsTarget: SearchTarget = { index: (ctx) => ctx.store.searchable(ctx.now()), defaultProperties, alwaysReturned };

/**
 * POST /crm/v3/objects/{contacts|companies}/search against the lagging index: a
 * record written less than `searchLagMs` ago is found with its old values, or not at all.
 */
export const searchIn = (target: SearchTarget) => (req: SandboxRequest, ctx: HubSpotContext): Reply => search(req, ctx, target);

function search(req: SandboxRequest, ctx: HubSpotContext, target: SearchTarget): Reply {
  const input = parseBody(req, searchSchema);
  validate(input);
  const limit = Math.min(input.limit ?? 10, searchLimits.maxPageSize);
  const offset = input.after === undefined ? 0 : Number(input.after);
  if (!Number.isInteger(offset) || offset < 0) throw validationError(`Invalid 'after' value: ${String(input.after)}`);
  if (offset + limit > searchLimits.maxResults) throw validationError(`Paging past ${searchLimits.maxResults} results is not supported; narrow the search.`);

  const hits: IndexedSnapshot[] = [];
  for (const snapshot of target.index(ctx)) {
    const groups = input.filterGroups;
    // Groups are OR-ed, filters inside a group AND-ed; no groups = everything.
    if (groups.length === 0 || groups.some((g) => g.filters.every((f) => matches(snapshot, f)))) hits.push(snapshot);
  }
  hits.sort(sortOrder(input.sorts));
  const page = hits.slice(offset, offset + limit);
  const requested = input.properties && input.properties.length > 0 ? input.properties : target.defaultProperties;
  const body: Record<string, unknown> = {
    total: hits.length,
    results: page.map((s) => publicObject(s.id, s.values, s.createdAt, s.updatedAt, requested, target.alwaysReturned)),
  };
  if (offset + limit < hits.length) body.paging = { next: { after: String(offset + limit) } };
  return { status: 200, body };
}

export function addSearchRoutes(router: Router<HubSpotRoute>): void {
  router.add('POST', '/crm/v3/objects/contacts/search', { handler: searchIn(contactsTarget), scopes: [scopes.contactsRead], budget: 'search' });
}
