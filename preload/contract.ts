import { z } from 'zod';
import { testSyncInputSchema, type TestSyncReport } from './schemas/test-sync';
import { setFilterInputSchema, type FilterCountView, type FilterView } from './schemas/filter';
import type { CHANNEL_NAMES, EventName } from './channel-names';
import { emptySchema, type Page } from './schemas/common';
import type { Contact } from './schemas/contact';
import {
  contactIdSchema,
  contactIdsSchema,
  tagContactsInputSchema,
  removeDemoContactsInputSchema,
  restoreContactsInputSchema,
  createCardInputSchema,
  createContactInputSchema,
  exportContactsInputSchema,
  importContactsInputSchema,
  listContactsInputSchema,
  previewImportInputSchema,
  searchContactsInputSchema,
  updateContactInputSchema,
  type CardView,
  type ContactChangedEvent,
  type ContactDetail,
  type ContactsExport,
  type ImportPreviewView,
  type ImportReportView,
} from './schemas/contacts-api';
import {
  connectInputSchema,
  reconnectInputSchema,
  connectionIdSchema,
  dryRunInputSchema,
  listConnectionsInputSchema,
  retryQuarantinedInputSchema,
  runSetupActionInputSchema,
  setModeInputSchema,
  type ConnectionStatus,
  type ConnectionView,
  type DryRunPlanView,
  type SandboxOffer,
  type SyncProgressView,
} from './schemas/connection';
import {
  exportLogInputSchema,
  listEventsInputSchema,
  listRunsInputSchema,
  runIdSchema,
  statsInputSchema,
  type LogExport,
  type RunDetailView,
  type RunSummaryView,
  type StatsView,
  type SyncEventView,
  type SyncRunView,
} from './schemas/sync-log';
import { setOnlineInputSchema, settingsPatchSchema, type AppInfo, type SettingsView } from './schemas/settings';
import {
  startOAuthConnectInputSchema,
  startOAuthReconnectInputSchema,
  type OAuthProviderView,
  type OAuthUrlEvent,
} from './schemas/oauth';
import { importPolicyInputSchema, type PolicyView } from './schemas/policy';
import {
  connectionMappingInputSchema,
  previewMappingInputSchema,
  resetMappingInputSchema,
  setMappingFieldInputSchema,
  setMappingRulesInputSchema,
  type MappingPreviewView,
  type MappingView,
} from './schemas/mapping';
import {
  contactIdInputSchema,
  dismissPotentialDuplicateInputSchema,
  listConflictsInputSchema,
  listPotentialDuplicatesInputSchema,
  pullNowInputSchema,
  resolveConflictInputSchema,
  setDirectionInputSchema,
  setFieldRuleInputSchema,
  type ConflictView,
  type FieldRulesView,
  type HistoryEntryView,
  type PotentialDuplicateView,
  type PullCountsView,
  type PullProgressView,
  type PullSummaryView,
} from './schemas/pull';
import {
  exportConfigInputSchema,
  importConfigInputSchema,
  type ConfigExport,
  type ConfigImportReport,
} from './schemas/config-transfer';
import {
  dismissDuplicatesInputSchema,
  connectionDeletesInputSchema,
  setDeletesInputSchema,
  type DeletesView,
  listDuplicatesInputSchema,
  mergeInputSchema,
  type DuplicateGroupView,
  type ForgetPlanView,
  type ForgetRecordView,
  type MergePreviewView,
  type MergeResultView,
} from './schemas/duplicates';

/**
 * The one API between the screens and main. Each channel is a strict zod input
 * schema (main validates every call with it) and an output type (the renderer
 * imports types only). Secrets may flow in (connect) but no output type has a
 * field that could hold one.
 */

declare const outputBrand: unique symbol;
interface ChannelSpec<S extends z.ZodType, O> {
  readonly input: S;
  /** phantom: carries the output type, never set at runtime */
  readonly [outputBrand]?: O;
}

const channel = <O>() => <S extends z.ZodType>(input: S): ChannelSpec<S, O> => ({ input });

/** A rep's-eye result for channels with nothing to return. */
export type Done = null;

export const contract = {
  getAppInfo: channel<AppInfo>()(emptySchema),
  setOnline: channel<Done>()(setOnlineInputSchema),

  listCards: channel<CardView[]>()(emptySchema),
  createCard: channel<CardView>()(createCardInputSchema),

  listContacts: channel<Page<Contact>>()(listContactsInputSchema),
  searchContacts: channel<Page<Contact>>()(searchContactsInputSchema),
  getContact: channel<ContactDetail>()(contactIdSchema),
  createContact: channel<Contact>()(createContactInputSchema),
  updateContact: channel<Contact>()(updateContactInputSchema),
  deleteContact: channel<Contact>()(contactIdSchema),
  /** deletes many (the list's selection); restoreContacts with the returned ids undoes it */
  deleteContacts: channel<{ ids: number[] }>()(contactIdsSchema),
  /** adds one tag to many contacts; each changed contact is queued like any edit */
  tagContacts: channel<{ tagged: number }>()(tagContactsInputSchema),
  previewImport: channel<ImportPreviewView>()(previewImportInputSchema),
  /** undoes deletes: the contacts are live again and queued like any change */
  restoreContacts: channel<{ restored: number }>()(restoreContactsInputSchema),
  /** soft-deletes the card's demo contacts; restoreContacts with the returned ids undoes it */
  removeDemoContacts: channel<{ ids: number[] }>()(removeDemoContactsInputSchema),
  importContacts: channel<ImportReportView>()(importContactsInputSchema),
  exportContacts: channel<ContactsExport>()(exportContactsInputSchema),

  listConnections: channel<ConnectionView[]>()(listConnectionsInputSchema),
  listSandboxes: channel<SandboxOffer[]>()(z.object({ cardId: z.number().int().positive().optional() }).strict().optional()),
  connect: channel<ConnectionView>()(connectInputSchema),
  disconnect: channel<Done>()(connectionIdSchema),
  reconnect: channel<ConnectionView>()(reconnectInputSchema),
  setMode: channel<ConnectionView>()(setModeInputSchema),
  syncNow: channel<RunSummaryView>()(connectionIdSchema),
  syncAll: channel<SyncAllReport>()(emptySchema),
  /** stops the run in flight after its current batch (nothing is lost: the rest stays pending) */
  cancelSync: channel<{ cancelled: boolean }>()(connectionIdSchema),
  dryRun: channel<DryRunPlanView>()(dryRunInputSchema),
  /** sends a few chosen contacts first and reads back, field by field, what the CRM now holds; the rest stays pending */
  testSync: channel<TestSyncReport>()(testSyncInputSchema),
  /** which contacts a connection sends (tags, fields, created or changed after) */
  getFilter: channel<FilterView>()(connectionIdSchema),
  /** stores the filter and re-plans: newly matching contacts wait for the next sync, the others are no longer sent (never deleted) */
  setFilter: channel<FilterView>()(setFilterInputSchema),
  /** how many of the card's contacts a filter being edited would let through; stores nothing */
  previewFilter: channel<FilterCountView>()(setFilterInputSchema),
  /** Zapier and webhooks: one test event that carries no contact ("Send test event"); nothing is recorded */
  testDelivery: channel<{ message: string }>()(connectionIdSchema),
  pauseConnection: channel<ConnectionView>()(connectionIdSchema),
  resumeConnection: channel<ConnectionView>()(connectionIdSchema),
  retryQuarantined: channel<{ released: number }>()(retryQuarantinedInputSchema),
  /** sets up what the destination's descriptor offers (e.g. Salesforce's Ferry ID field), answered with what was done */
  runSetupAction: channel<{ message: string }>()(runSetupActionInputSchema),
  /** which CRMs can sign in through the browser here (a client id is configured) */
  listOAuthProviders: channel<OAuthProviderView[]>()(emptySchema),
  /** runs the browser sign-in (one at a time; oauthUrl carries the address) and answers with the new connection */
  startOAuthConnect: channel<ConnectionView>()(startOAuthConnectInputSchema),
  startOAuthReconnect: channel<ConnectionView>()(startOAuthReconnectInputSchema),
  /** ends the sign-in in progress, if any; its start call then fails with "cancelled" */
  cancelOAuthConnect: channel<Done>()(emptySchema),

  listRuns: channel<Page<SyncRunView>>()(listRunsInputSchema),
  getRun: channel<RunDetailView>()(runIdSchema),
  listEvents: channel<Page<SyncEventView>>()(listEventsInputSchema),
  exportLog: channel<LogExport>()(exportLogInputSchema),
  getStats: channel<StatsView>()(statsInputSchema),

  getSettings: channel<SettingsView>()(emptySchema),
  updateSettings: channel<SettingsView>()(settingsPatchSchema),
  exportConfig: channel<ConfigExport>()(exportConfigInputSchema),
  importConfig: channel<ConfigImportReport>()(importConfigInputSchema),
  /** the admin's policy in force: where from, what it locks, and why it cannot be used when it cannot */
  getPolicy: channel<PolicyView>()(emptySchema),
  /** imports a signed policy file (the first pins its admin's key) and applies it */
  importPolicy: channel<PolicyView>()(importPolicyInputSchema),

  /** a connection's field mapping: the grid, the CRM's fields, value rules and routing */
  getMapping: channel<MappingView>()(connectionMappingInputSchema),
  /** sends a Ferry field to a CRM field (checked against the CRM's schema), with transforms and a write policy */
  setMappingField: channel<MappingView>()(setMappingFieldInputSchema),
  /** one field, or the whole mapping, back to the destination's defaults */
  resetMapping: channel<MappingView>()(resetMappingInputSchema),
  setMappingRules: channel<MappingView>()(setMappingRulesInputSchema),
  /** three contacts (or the ones named) as the next sync would send them */
  previewMapping: channel<MappingPreviewView[]>()(previewMappingInputSchema),

  // ── Pull and two-way (docs/pull.md) ──
  /** direction, per-field rules and which fields are read back from the CRM */
  getPullRules: channel<FieldRulesView>()(connectionIdSchema),
  /** push, pull or two-way; pull-only queues nothing for the CRM */
  setDirection: channel<FieldRulesView>()(setDirectionInputSchema),
  /** a field's rule ('*' = the connection's default; null removes a field's own rule) */
  setFieldRule: channel<FieldRulesView>()(setFieldRuleInputSchema),
  /** reads the CRM into Ferry from the connection's checkpoint (joins a pull in flight) */
  pullNow: channel<PullSummaryView>()(pullNowInputSchema),
  /** fields both sides changed that the rules could not settle */
  listConflicts: channel<Page<ConflictView>>()(listConflictsInputSchema),
  /** take Ferry's value, the CRM's, or a typed one */
  resolveConflict: channel<ConflictView>()(resolveConflictInputSchema),
  /** every change a CRM (or a resolution) made to a contact, newest first */
  getContactHistory: channel<HistoryEntryView[]>()(contactIdInputSchema),
  /** CRM records that look like this contact without a sure match */
  getPotentialDuplicates: channel<PotentialDuplicateView[]>()(contactIdInputSchema),
  /** every potential duplicate not dismissed, of one connection or all, oldest first */
  listPotentialDuplicates: channel<PotentialDuplicateView[]>()(listPotentialDuplicatesInputSchema),
  /** "Not the same person": no longer listed or counted, even when a pull reads the record again */
  dismissPotentialDuplicate: channel<Done>()(dismissPotentialDuplicateInputSchema),
  /** what the connection card shows about pulls */
  getPullCounts: channel<PullCountsView>()(connectionIdSchema),
  /** contacts of a card that look like one person (same e-mail, same phone, similar name at one company), with why */
  listDuplicates: channel<DuplicateGroupView[]>()(listDuplicatesInputSchema),
  /** "Not a duplicate": these contacts are never proposed together again */
  dismissDuplicates: channel<Done>()(dismissDuplicatesInputSchema),
  /** the merged contact, field by field, before anything is written */
  previewMerge: channel<MergePreviewView>()(mergeInputSchema),
  /** merges in one transaction, then tells each CRM (HubSpot merges; others get a sentence of what to do there) */
  mergeContacts: channel<MergeResultView>()(mergeInputSchema),
  /** what "Forget this person" will do in each connected CRM (no call is made) */
  forgetPlan: channel<ForgetPlanView>()(contactIdSchema),
  /** erases the person in every CRM that allows it and in Ferry for good; the record keeps no personal data */
  forgetContact: channel<ForgetRecordView>()(contactIdSchema),
  /** whether contacts deleted in Ferry are removed in this connection's CRM (off by default) */
  getDeletes: channel<DeletesView>()(connectionDeletesInputSchema),
  setDeletes: channel<DeletesView>()(setDeletesInputSchema),
} as const;

type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (defaults may be omitted). */
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
/** What a service receives after validation (defaults filled in). */
export type ParsedInput<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> = Contract[K] extends ChannelSpec<z.ZodType, infer O> ? O : never;

/** The handler map main implements: the type of a channel is the type of the function that serves it. */
export type Handlers = { [K in Channel]: (input: ParsedInput<K>) => Promise<ChannelOutput<K>> };

// The preload's name list must match the contract exactly, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<(typeof CHANNEL_NAMES)[number], Channel> = true;
void namesMatch;

export const ERROR_CODES = ['unknown_channel', 'invalid_input', 'forbidden', 'not_found', 'conflict', 'unavailable', 'failed', 'internal'] as const;
/** Sync now on every active connection: the runs that finished and, per connection, why one could not run. */
export interface SyncAllReport {
  runs: RunSummaryView[];
  failures: { connectionId: number; message: string }[];
}

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CallError {
  code: ErrorCode;
  /** one sentence a user can read; never contains a secret */
  message: string;
  /** for invalid_input: which fields and why */
  issues?: { path: string; message: string }[];
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

export interface ConnectionStatusEvent {
  connectionId: number;
  status: ConnectionStatus;
  message: string | null;
}

export interface NotificationEvent {
  /** stable per problem: the same problem is announced once */
  key: string;
  level: 'info' | 'warning' | 'error';
  title: string;
  body: string;
  connectionId: number | null;
}

export interface FerryEvents {
  syncProgress: SyncProgressView;
  pullProgress: PullProgressView;
  connectionStatus: ConnectionStatusEvent;
  runFinished: RunSummaryView;
  contactChanged: ContactChangedEvent;
  notification: NotificationEvent;
  oauthUrl: OAuthUrlEvent;
}

const eventsMatch: Same<EventName, keyof FerryEvents> = true;
void eventsMatch;

export type FerryEventMessage = { [E in keyof FerryEvents]: { event: E; payload: FerryEvents[E] } }[keyof FerryEvents];

export { CHANNEL_NAMES, EVENT_NAMES, IPC_CALL, IPC_EVENT, isChannelName, isEventName } from './channel-names';
export type { ChannelName, EventName } from './channel-names';
