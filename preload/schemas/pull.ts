import { z } from 'zod';
import { ferryFieldSchema } from './mapping';

/**
 * Pull and two-way sync (docs/pull.md). A connection's direction says which way
 * contacts flow; per-field rules say who wins when both sides changed a field
 * since the last value they agreed on.
 */
export const SYNC_DIRECTIONS = ['push', 'pull', 'two-way'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];
export const syncDirectionSchema = z.enum(SYNC_DIRECTIONS);

/**
 * - `ask` (the default): both sides changed → a conflict kept for you, nothing overwritten;
 * - `crm-wins` / `ferry-wins`: that side's value when both changed;
 * - `latest-wins`: the later change by the CRM's and Ferry's modification times
 *   (a conflict when the times cannot be compared);
 * - `crm-owns`: the CRM's value always (a Ferry edit of the field is replaced on the next pull);
 * - `ferry-owns`: the CRM's changes to the field are never applied (Ferry's value is pushed back).
 */
export const FIELD_RULES = ['ask', 'crm-wins', 'ferry-wins', 'latest-wins', 'crm-owns', 'ferry-owns'] as const;
export type TwoWayRule = (typeof FIELD_RULES)[number];
export const twoWayRuleSchema = z.enum(FIELD_RULES);

const connectionId = z.number().int().positive();

export const setDirectionInputSchema = z.object({ connectionId, direction: syncDirectionSchema }).strict();

/** `field` '*' sets the connection's default rule; a named field overrides it. */
export const setFieldRuleInputSchema = z.object({
  connectionId,
  field: z.union([z.literal('*'), ferryFieldSchema]),
  /** null removes the field's own rule (the default applies again) */
  rule: twoWayRuleSchema.nullable(),
}).strict();

export const pullNowInputSchema = z.object({ connectionId }).strict();

export const listConflictsInputSchema = z.object({
  connectionId: connectionId.optional(),
  contactId: z.number().int().positive().optional(),
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
}).strict();

export const resolveConflictInputSchema = z.union([
  z.object({ conflictId: z.number().int().positive(), take: z.enum(['ferry', 'crm']) }).strict(),
  z.object({ conflictId: z.number().int().positive(), value: z.string().max(10_000) }).strict(),
]);

export const listPotentialDuplicatesInputSchema = z.object({ connectionId: connectionId.optional() }).strict();

/** "Not the same person": a potential duplicate is one contact, one connection, one record in it. */
export const dismissPotentialDuplicateInputSchema = z.object({
  contactId: z.number().int().positive(),
  connectionId,
  externalId: z.string().trim().min(1).max(255),
}).strict();

export const contactIdInputSchema = z.object({ contactId: z.number().int().positive(), limit: z.number().int().min(1).max(1000).default(200) }).strict();

export interface FieldRulesView {
  connectionId: number;
  direction: SyncDirection;
  /** the rule for every field without its own */
  defaultRule: TwoWayRule;
  /** Ferry field → its own rule */
  fields: Record<string, TwoWayRule>;
  /** Ferry fields read back from this CRM, and those that are not (with why) */
  readable: string[];
  notReadable: { field: string; why: string }[];
}

export interface ConflictView {
  id: number;
  connectionId: number;
  contactId: number;
  contactName: string;
  /** the Ferry field, e.g. `title`, `emails`, `custom.Region` */
  field: string;
  ferryValue: string;
  crmValue: string;
  /** when Ferry's contact last changed, ms since the epoch */
  ferryChangedAt: number | null;
  /** the CRM's modification time of the record, ms since the epoch (null when it gave none) */
  crmChangedAt: number | null;
  state: 'open' | 'resolved';
  /** how it was settled: 'ferry', 'crm' or 'value' */
  resolution: 'ferry' | 'crm' | 'value' | null;
  createdAt: number;
  resolvedAt: number | null;
}

export interface HistoryEntryView {
  id: number;
  contactId: number;
  at: number;
  field: string;
  old: string | null;
  new: string | null;
  /** 'ferry' for a change made in Ferry (a resolved conflict), else the connection it came from */
  source: { kind: 'ferry' } | { kind: 'connection'; connectionId: number; label: string };
}

export interface PotentialDuplicateView {
  contactId: number;
  connectionId: number;
  externalId: string;
  /** why it looks like the same person, e.g. "same name and company, different e-mail" */
  why: string;
  /** the CRM record's name, e-mail and company as pulled */
  crmName: string;
  crmEmail: string;
  crmCompany: string;
  foundAt: number;
  /** the Ferry contact it looks like, by its display name */
  contactName: string;
}

export interface PullSummaryView {
  connectionId: number;
  runId: number | null;
  state: 'succeeded' | 'failed' | 'interrupted' | 'not_pulling';
  /** CRM records read */
  read: number;
  /** new Ferry contacts made from CRM records */
  created: number;
  /** Ferry contacts changed by the CRM */
  updated: number;
  /** records linked to an existing Ferry contact (by e-mail, or name + company + phone) */
  linked: number;
  /** records whose values Ferry already holds (echoes of its own pushes included) */
  unchanged: number;
  conflicts: number;
  /** potential duplicates found for the first time by this pull */
  potentialDuplicates: number;
  apiCalls: number;
  startedAt: number;
  finishedAt: number;
  error: string | null;
}

/** A pull in flight, after each page it applied (the card's live line), and once more when it ends. */
export interface PullProgressView {
  connectionId: number;
  /** null when the pull ended before recording a run */
  runId: number | null;
  pages: number;
  /** CRM records read so far */
  read: number;
  /** the pull has ended (succeeded, failed or stopped): its summary is in the Sync log and the counts */
  done: boolean;
}

/** What the connection card shows about pulls. */
export interface PullCountsView {
  connectionId: number;
  direction: SyncDirection;
  lastPullAt: number | null;
  /** records that reached Ferry through pulls in all: created, changed or linked (re-reads and echoes are not counted) */
  pulled: number;
  openConflicts: number;
  potentialDuplicates: number;
}
