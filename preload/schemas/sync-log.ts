import { z } from 'zod';
import { idSchema, pageSchema, timestampSchema } from './common';

export const RUN_TRIGGERS = ['manual', 'automatic', 'scheduled', 'resume', 'connect'] as const;
export type RunTriggerView = (typeof RUN_TRIGGERS)[number];

export const RUN_STATES = ['running', 'succeeded', 'partial', 'failed', 'interrupted'] as const;
export type RunState = (typeof RUN_STATES)[number];

/**
 * Mirrors the CHECK constraint on sync_events.outcome (migration 008). 'deleted': a delete
 * removed the CRM's record (archived or deleted, in the destination's word); 'marked': the
 * record was kept and marked "Deleted in Ferry"; 'quarantined': the CRM refused the record
 * (or it kept failing) and it is set aside; 'held': set aside before any call because
 * another contact has its e-mail in a CRM that matches on it (main/sync/shared-email.ts):
 * the CRM never saw it.
 */
export const EVENT_OUTCOMES = ['created', 'updated', 'deleted', 'marked', 'unchanged', 'failed', 'quarantined', 'held', 'conflict', 'skipped'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** The outcomes that leave a contact set aside in the outbox until someone acts: the CRM refused it, or it was held for a shared e-mail. */
export const SET_ASIDE_OUTCOMES = ['quarantined', 'held'] as const satisfies readonly EventOutcome[];

/** Whether a filter asks for exactly the set-aside outcomes (the card's "Show the records"). */
export const isSetAsideFilter = (outcomes: readonly EventOutcome[]): boolean =>
  outcomes.length === SET_ASIDE_OUTCOMES.length && SET_ASIDE_OUTCOMES.every((o) => outcomes.includes(o));

const dateRange = {
  /** inclusive, ms since epoch */
  from: timestampSchema.optional(),
  /** exclusive, ms since epoch */
  to: timestampSchema.optional(),
};

const rangeIsOrdered = (v: { from?: number | undefined; to?: number | undefined }): boolean =>
  v.from === undefined || v.to === undefined || v.from <= v.to;
const rangeMessage = { message: "The start date must not be after the end date.", path: ['from'] };

/** Words to look for: in a run's problem sentence and connection name; in a record's contact, message and the CRM's text. */
const textQuery = z.string().trim().max(200).optional();

export const listRunsInputSchema = z.object({
  connectionId: idSchema.optional(),
  /** only runs that ended this way (e.g. ['failed'] after an outage) */
  states: z.array(z.enum(RUN_STATES)).min(1).max(RUN_STATES.length).optional(),
  query: textQuery,
  ...dateRange,
  ...pageSchema,
}).strict().refine(rangeIsOrdered, rangeMessage);

export const runIdSchema = z.object({ runId: idSchema }).strict();

export const listEventsInputSchema = z.object({
  connectionId: idSchema.optional(),
  runId: idSchema.optional(),
  contactId: idSchema.optional(),
  /** only these contacts' events (e.g. the records a connection set aside) */
  contactIds: z.array(idSchema).min(1).max(1000).optional(),
  outcomes: z.array(z.enum(EVENT_OUTCOMES)).min(1).max(EVENT_OUTCOMES.length).optional(),
  query: textQuery,
  ...dateRange,
  ...pageSchema,
}).strict().refine(rangeIsOrdered, rangeMessage);

/** The log as a CSV file: runs and records that match the same filters the screen uses. */
export const exportLogInputSchema = z.object({
  connectionId: idSchema.optional(),
  states: z.array(z.enum(RUN_STATES)).min(1).max(RUN_STATES.length).optional(),
  outcomes: z.array(z.enum(EVENT_OUTCOMES)).min(1).max(EVENT_OUTCOMES.length).optional(),
  query: textQuery,
  ...dateRange,
}).strict().refine(rangeIsOrdered, rangeMessage).optional();

export interface LogExport {
  fileName: string;
  csv: string;
}

/** One run in full: what happened, in the engine's sentence and (for the connection's latest run) the CRM's own words. */
export interface RunDetailView {
  run: SyncRunView;
  /** the CRM's own words for a run that failed, when Ferry still has them (the connection's last problem) */
  crmError: string | null;
  connectionLabel: string | null;
}

const MAX_STATS_DAYS = 366;

export const statsInputSchema = z.object({
  connectionId: idSchema.optional(),
  from: timestampSchema,
  to: timestampSchema,
  /**
   * minutes to add to UTC to get the user's local time (the negation of JS's
   * Date#getTimezoneOffset), so days are the user's days
   */
  utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).default(0),
}).strict().refine((v) => v.from <= v.to, rangeMessage)
  .refine((v) => v.to - v.from <= MAX_STATS_DAYS * 86_400_000, { message: `Pick a range of at most ${MAX_STATS_DAYS} days.`, path: ['to'] });

/** What one run did, counted the same way in the log and in the event that ends it. */
interface RunCountsView {
  planned: number;
  created: number;
  updated: number;
  /**
   * records removed in the CRM because their contact was deleted in Ferry (the
   * connection sends deletes): "archived" or "deleted" in the destination's word
   * (preload/status/run-sentences.ts); never counted as updated
   */
  deleted: number;
  /** records kept in the CRM and marked "Deleted in Ferry" (deletes = tag) */
  marked: number;
  unchanged: number;
  failed: number;
  /** records the CRM refused (or that kept failing), set aside with its words */
  quarantined: number;
  /**
   * contacts set aside before any call because another contact has their e-mail in a CRM
   * that matches on it (main/sync/shared-email.ts): never counted as rejected, since the
   * CRM never saw them; worded by preload/status/run-sentences.ts
   */
  held: number;
  apiCalls: number;
  rateLimited: number;
}

export interface SyncRunView extends RunCountsView {
  id: number;
  connectionId: number;
  trigger: string;
  /** 'pull' for a run that read the CRM into Ferry (docs/pull.md); 'push' otherwise */
  kind?: 'push' | 'pull';
  state: string;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  error: string | null;
}

export interface SyncEventView {
  id: number;
  runId: number | null;
  connectionId: number;
  contactId: number | null;
  /** the contact's display name now, null when the contact is gone */
  contactName: string | null;
  at: number;
  outcome: EventOutcome;
  externalId: string | null;
  changes: { field: string; old: string | null; new: string | null }[];
  message: string | null;
  /** the CRM's own error text */
  crmError: string | null;
}

export interface DailyCount {
  /** YYYY-MM-DD in the caller's time zone */
  day: string;
  connectionId: number;
  /** records created or updated that day */
  count: number;
}

export interface StatsView {
  days: DailyCount[];
}

/** Same shape as the engine's RunSummary; crosses the bridge when a run ends. */
export interface RunSummaryView extends RunCountsView {
  /** null when nothing was pending: no call was made and no run was recorded */
  runId: number | null;
  connectionId: number;
  trigger: RunTriggerView;
  state: 'succeeded' | 'partial' | 'failed' | 'interrupted' | 'nothing_to_send';
  startedAt: number;
  finishedAt: number;
  error: string | null;
}
