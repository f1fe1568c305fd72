import type { Contact, ContactFields } from '../../preload/schemas/contact';
import type { Connection } from '../store/connections';
import type { CrmFieldView } from '../../preload/schemas/mapping';

/**
 * What the engine needs from a CRM. A connector is a little metadata, a pure
 * mapping and a batch push; the engine branches on capabilities, never on
 * names. Connectors never retry, sleep or touch SQLite: the engine does that.
 */

/** The flat field map a connector sends; null clears a field in the CRM. */
export type Payload = Record<string, string | null>;

export interface ConnectorCapabilities {
  /** most records one push call may carry */
  batchSize: number;
  /** requests allowed per window when nothing else is known */
  rateLimit: { requests: number; perMs: number };
  /** search requests allowed per window, when the CRM counts them apart (HubSpot: 5 per second per token) */
  searchRateLimit?: { requests: number; perMs: number };
  /** batches that may be in flight at once (the rate limiter still paces every request); default 1 */
  concurrency?: number;
}

export interface PushItem {
  contactId: number;
  contactVersion: number;
  /** Ferry's stable id for the contact, used as the CRM key when it has no e-mail */
  uid: string;
  /** the CRM record this contact is linked to, when known */
  externalId: string | null;
  payload: Payload;
  /** what was last sent (empty on first push) */
  previousPayload: Payload;
  /** connector-specific ids kept with the link (e.g. a note id); a result's aux replaces it whole */
  aux: Record<string, string>;
  /**
   * What earlier pushes of this contact said they would write (attemptKey) when
   * the CRM's answer was never saved (Ferry stopped in between), oldest first;
   * absent or empty when every push so far was confirmed or none was tried.
   */
  unconfirmed?: readonly Readonly<Record<string, string>>[];
  contact: Contact;
}

export type PushResult =
  | { contactId: number; outcome: 'created' | 'updated'; externalId: string; aux?: Record<string, string> }
  /** the CRM rejected this record (validation, duplicate rule...): it is quarantined, the rest go on */
  | { contactId: number; outcome: 'rejected'; message: string; crmError: string }
  /** several CRM records match: the user must choose, Ferry never guesses */
  | { contactId: number; outcome: 'conflict'; message: string; crmError: string; candidates: string[] }
  /** a transient failure for this record only: retried later */
  | { contactId: number; outcome: 'retry'; message: string; crmError: string };

/**
 * What a connection already knows of the CRM's companies: company key (a domain;
 * a name and website) → CRM company id, kept in SQLite by the engine so a
 * re-sync, in this process or the next, links contacts without asking the CRM.
 */
export interface CompanyLinkCache {
  get(keys: string[]): Map<string, string>;
  /** remembers companies the CRM confirmed (found or created) */
  save(links: { key: string; externalId: string }[]): void;
  /** forgets companies the CRM no longer has */
  forget(keys: string[]): void;
}

/** Everything a connector may use while pushing. */
export interface PushContext {
  connection: Connection;
  /** waits for the rate limiter; call before EVERY request */
  beforeRequest(): Promise<void>;
  /**
   * report what the CRM said about its limits (headers) after a request: the
   * pacing window (remaining, limit, intervalMs) and, when it says so, the daily
   * allocation the whole org draws on (`quota`, see sync/allocation.ts)
   */
  afterResponse(info: { remaining?: number; limit?: number; intervalMs?: number; status: number; quota?: { used: number; limit: number } }): void;
  signal: AbortSignal;
  /**
   * the same, paced by the CRM's search budget (HubSpot: searches have their own per-second
   * limit and do not count in the ten-second window): use it for search requests. Present in
   * runs and pulls; elsewhere searches go through this context.
   */
  search?: PushContext;
  /** present while pushing (absent in prepare and test events) */
  companies?: CompanyLinkCache;
}

/** What prepare learned about the CRM account, kept (non-secret) with the connection. */
interface PrepareResult {
  /** the CRM's account id (HubSpot portal id, Salesforce org id), for record links and display */
  account?: string;
  /**
   * The host of the CRM's web app for this account, when it differs by account
   * (HubSpot: `uiDomain`, e.g. app-eu1.hubspot.com for EU-hosted portals); record links use it.
   */
  appHost?: string;
  /** the account's time zone, when the CRM says it (HubSpot: its daily limit resets at midnight there) */
  timeZone?: string;
  /**
   * When the CRM said who the account is: a connector that finds `account` and a recent
   * `accountReadAt` in the connection's config may skip asking again (every laptop of a team
   * starting at nine would otherwise spend one call each of the account's shared window on it).
   */
  accountReadAt?: number;
  /**
   * Whether contacts are linked to CRM companies on this connection, or why not
   * (e.g. the token lacks the company scopes). map() reads it from the config, so
   * the payload changes (and contacts are re-planned) when it does.
   */
  companies?: string;
}

/** Where a Ferry field goes when the connection's mapping does not say (main/mapping/). */
export interface DefaultTarget {
  /** the payload keys only this Ferry field fills; they are left out when the mapping sends it elsewhere */
  keys: string[];
  /** how the Mapping screen names the place, e.g. "jobtitle" or "Description (From Ferry block)" */
  label: string;
  /** true when the field cannot be mapped elsewhere (the key Ferry matches records on) */
  fixed?: boolean;
}

export interface Connector {
  readonly kind: Connection['kind'];
  readonly capabilities: ConnectorCapabilities;
  /**
   * pure: contact → CRM payload. Must be deterministic (its hash decides what is
   * sent). `linkAux` is what the link keeps (e.g. which object the record is).
   */
  map(contact: Contact, connection: Connection, linkAux?: Readonly<Record<string, string>>): Payload;
  /**
   * Names everything map() depends on besides the contact (the mapping's code
   * version, the CRM fields it found). When it changes, every contact is planned
   * again and those whose payload changed are re-sent. Default: the kind.
   */
  mappingKey?(connection: Connection): string;
  /** on connect and before the first push of a process: check access, create missing properties */
  prepare(ctx: PushContext): Promise<void | PrepareResult>;
  /**
   * Optional, only for CRMs whose record cannot be found again by a key Ferry
   * controls (Mailchimp: a member is addressed by its e-mail's hash alone): what
   * identifies the record this push of `item` is about to write, or null when
   * the link already does. The engine saves it on disk BEFORE the request leaves
   * and hands every unconfirmed one back in `PushItem.unconfirmed`, so the next
   * push can reach a record a lost answer left behind. Pure.
   */
  attemptKey?(item: PushItem): Record<string, string> | null;
  /** pushes up to capabilities.batchSize items; throws SyncError for whole-batch failures */
  push(items: PushItem[], ctx: PushContext): Promise<PushResult[]>;
  /**
   * Optional (CRMs that can be read): the values the CRM holds now for these
   * records, for the named payload fields ("Test sync" shows them beside what was
   * sent). Record id → field → value (null when empty).
   */
  readBack?(externalIds: string[], fields: string[], ctx: PushContext): Promise<Map<string, Record<string, string | null>>>;
  /**
   * Optional: sends one event that says it is a test and carries no contact
   * ("Send test event"), resolving with where it went; throws SyncError when
   * the destination refuses it. Never called by the engine, only on request.
   */
  sendTestEvent?(ctx: PushContext): Promise<void>;

  // ── Field mapping (main/mapping/). A destination without describeFields takes
  // any target name as a free-form key (Zapier, webhooks: JSON keys). ──

  /** The CRM's contact fields (HubSpot properties, Salesforce describe), writable or not. */
  describeFields?(ctx: PushContext): Promise<CrmFieldView[]>;
  /** Where a Ferry field (`title`, `custom.Shoe size`) goes by default. Pure. */
  defaultTarget?(ferryField: string, connection: Connection): DefaultTarget;
  /**
   * The CRM's current values of `fields` for these items, by contact id, in as
   * few calls as the API allows (HubSpot batch read, Salesforce query); a record
   * the CRM does not have yet is absent. For "fill only if empty".
   */
  readCurrent?(items: PushItem[], fields: string[], ctx: PushContext): Promise<Map<number, Record<string, string | null>>>;

  /**
   * Optional: carries out one of the descriptor's setupActions (by its id) in
   * the CRM account and resolves with a sentence saying what it did; running it
   * again changes nothing. Throws SyncError when the CRM refuses (e.g. a
   * permission the user lacks). Never called by the engine, only on request.
   */
  runSetupAction?(action: string, ctx: PushContext): Promise<string>;

  // ── Pull (main/pull/, docs/pull.md). The engine owns pacing, checkpoints and SQLite. ──

  /**
   * Optional: one page of the CRM's contact records from `cursor` (`{}` = from
   * the beginning), with the cursor that follows it. Pure I/O: the engine stores
   * the cursor in the transaction that applies the page, so a crash resumes at
   * the first page not applied. `keys`: the payload keys to read (reverse mapping).
   */
  pull?(cursor: Readonly<Record<string, unknown>>, keys: readonly string[], ctx: PullContext): Promise<PullPage>;
  /**
   * The payload keys a pull reads back and how each becomes a Ferry field
   * (main/mapping/reverse.ts applies the connection's mapping on top).
   */
  readableFields?(connection: Connection): { read: ReadableField[]; notRead: { field: string; why: string }[] };
  /**
   * Optional: writes Ferry's own key (e.g. HubSpot's `ferry_id`) on CRM records
   * a pull linked, so a later push updates them instead of creating a copy. A CRM
   * that writes them later (Mailchimp's batch operations) names the jobs it was
   * given (`jobs`): the engine keeps them and asks `stampOutcome` on a later pull.
   */
  stampLinks?(links: { externalId: string; uid: string }[], ctx: PullContext): Promise<StampJobs | void>;
  /**
   * Optional, with stampLinks' `jobs`: what became of one stamp job, read once per
   * pull (main/pull/stamp-outcomes.ts). Throws SyncError when the CRM could not be
   * asked (the job is asked about again on the next pull).
   */
  stampOutcome?(jobId: string, ctx: PullContext): Promise<StampOutcome>;
  /**
   * Optional: the records the CRM deleted that it still lists, for CRM→Ferry
   * deletes (main/pull/archived-records.ts). A CRM that lists them all reads the
   * whole list and ignores `since` (HubSpot: archived contacts, restorable for 90
   * days); one that keeps a delete log reads it from `since` (`{}` the first time)
   * and returns where the next read starts (Salesforce: Get Deleted; Zoho CRM: its
   * deleted list with If-Modified-Since from the newest deleted_time applied). Pure I/O,
   * paced by `ctx`; the engine keeps `next` once the deletes are applied.
   */
  deletedRecords?(ctx: PullContext, since: Readonly<Record<string, unknown>>): Promise<DeletedRecords>;
}

/** Stamp jobs a CRM accepted to run later: each with how many records it stamps. */
export interface StampJobs {
  jobs: { id: string; records: number }[];
}

/** Why Ferry can no longer learn a stamp job's outcome (worded in preload/status/pull-sentences.ts). */
export type StampJobLoss = 'forgotten' | 'results-gone' | 'unreadable' | 'too-old';

/**
 * A stamp job as the CRM reports it: not run yet; run, with the stamps it refused
 * (by the contact's uid, with the CRM's own words); or lost to Ferry.
 */
export type StampOutcome =
  | { state: 'waiting' }
  | { state: 'done'; refused: { uid: string; detail: string; crmError: string }[] }
  | { state: 'gone'; why: StampJobLoss };

/** What one read of the CRM's deleted records found. */
export interface DeletedRecords {
  records: DeletedRecord[];
  /** where the next read starts, for a CRM read from a position */
  next?: Record<string, unknown>;
  /**
   * a sentence for the Sync log when Ferry could not learn of every delete since
   * `since`: the CRM no longer had them (Salesforce's 15 days), or cannot list them
   * as it is set up (Dynamics 365 without change tracking on contacts)
   */
  gap?: string;
}

/** A CRM record the CRM deleted (HubSpot: archived), and when (ms), when it says. */
export interface DeletedRecord {
  externalId: string;
  deletedAt: number | null;
}

/** One CRM record as a pull read it. */
export interface PulledRecord {
  externalId: string;
  /** payload key → the CRM's value ('' when empty); only keys the pull asked for */
  values: Record<string, string>;
  /** the CRM's last modification time (ms since the epoch), null when it gave none */
  modifiedAt: number | null;
  /** Ferry's id as the CRM holds it (HubSpot `ferry_id`), when it has one */
  ferryUid: string | null;
  /** kept with the link (e.g. which Salesforce object the record is) */
  aux?: Record<string, string>;
}

export interface PullPage {
  records: PulledRecord[];
  /** where the next page starts */
  next: Record<string, unknown>;
  /** true when this page was the last one for now (the cursor then waits for new changes) */
  done: boolean;
}

export interface PullContext extends PushContext {
  search: PushContext;
}

/**
 * A payload key a pull can turn back into a Ferry field. `apply` writes the CRM's
 * value into the contact's fields; `normalize` makes two spellings of the same
 * value equal (e.g. e-mails in any case) so they are never taken for a change.
 */
export interface ReadableField {
  key: string;
  /** the Ferry field (contract names: `title`, `emails`, `custom.Region`) */
  field: string;
  /** which part of the field this key carries, when several keys share one (an address's `city`) */
  part?: string;
  apply(fields: ContactFields, value: string): ContactFields;
  normalize?(value: string): string;
}

/** How a whole request failed; retry.ts turns this into a decision. */
type SyncErrorKind =
  | 'network' // offline, DNS, connection refused or reset
  | 'timeout'
  | 'rate_limited' // 429 or a quota header at zero
  | 'server' // 5xx
  | 'auth' // expired or revoked token
  | 'permission' // missing scope
  | 'daily_limit' // the CRM's daily allowance is used up
  | 'invalid_request' // a 4xx that is our fault for the whole batch
  | 'config'; // the connection cannot work as configured (bad URL, no secret)

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    /** a sentence for the user */
    message: string,
    readonly details: {
      status?: number;
      /** the CRM's own words */
      crmError?: string;
      retryAfterMs?: number;
      /** the scope a permission error names */
      scope?: string;
    } = {},
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/**
 * A whole request failed part-way through a push, after the CRM had accepted
 * (written) some of the records: `settled` are their final results. The engine
 * saves them at once, then treats the error as it would any SyncError for the
 * other records only, so what the CRM already holds is not sent twice.
 */
export class PartialPushError extends SyncError {
  constructor(cause: SyncError, readonly settled: PushResult[]) {
    super(cause.kind, cause.message, cause.details);
    this.name = 'PartialPushError';
  }
}
