import type { FaultInjector, FaultInput, Fault } from '../shared/faults';
import type { LoggedRequest, RequestLog, RequestStats } from '../shared/request-log';
import type { MailchimpContext } from './context';
import type { KeyRegistry } from './keys';
import type { ConnectionLimit } from './limits';
import type { MailchimpBatches, SandboxBatch } from './batches';
import { mailchimpTime, MEMBER_STATUSES, SANDBOX_AUDIENCE_ID, subscriberHash, type MailchimpStoreData, type MemberStatus, type SandboxMember, type SandboxMergeField } from './state';

export interface MailchimpSnapshot {
  audience: string;
  members: SandboxMember[];
  mergeFields: SandboxMergeField[];
  requests: RequestStats;
  connectionLimit: number;
  serviceMs: number;
  mergeFieldLimit: number;
  peakConnections: number;
  rejectEmailPattern: string | null;
  pendingFaults: Array<Fault & { remaining: number }>;
}

/** Direct, typed control of a running Mailchimp sandbox (the HTTP admin API calls the same methods). */
export interface MailchimpSandboxAdmin {
  /** Clears the audience (members, created merge fields), faults, the request log and the peak; keys stay. */
  reset(): void;
  registerKey(key: string): void;
  /** The key answers 401 API Key Invalid from now on; false when unknown. */
  revokeKey(key: string): boolean;
  /** simultaneous connections allowed per account (Mailchimp: 10) */
  setConnectionLimit(n: number): void;
  /** how long each API request takes to serve, so concurrency can be seen */
  setServiceMs(ms: number): void;
  /** merge fields the audience may have, its existing ones included (Mailchimp: 30, 80 on Premium) */
  setMergeFieldLimit(n: number): void;
  /** how the batch answers a subscribe of an unsubscribed or cleaned member (MailchimpSettings) */
  setBatchComplianceAnswer(answer: 'errors' | 'silent'): void;
  /**
   * Holds batches (POST /batches) in the queue instead of running them when accepted, as
   * Mailchimp's queue may for minutes; false runs every held one and those that follow.
   */
  holdBatches(hold: boolean): void;
  /** Runs the held batches, oldest first (Mailchimp's queue getting to them); how many ran. */
  runBatches(): number;
  /** Every batch accepted, with each operation's result (`status_code`, `operation_id`, `response`). */
  batches(): SandboxBatch[];
  /** Mailchimp forgets the batch: GET /batches/{id} answers 404 from now on; false when unknown. */
  forgetBatch(id: string): boolean;
  /** Mailchimp deletes the batch's results archive (its address answers 404 NoSuchKey), the batch stays listed. */
  dropBatchResults(id: string): boolean;
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  /** E-mails matching this are refused as fake or invalid; null stops it. */
  rejectEmails(pattern: RegExp | string | null): void;
  /** Plays what the person or Mailchimp did (unsubscribed, cleaned…); false when there is no such member. */
  setMemberStatus(email: string, status: MemberStatus): boolean;
  /**
   * Adds a member as a person signing up or a Mailchimp user adding one in the app would
   * (no Ferry involved); its merge fields must exist in the audience. Returns its contact_id.
   */
  addMember(email: string, mergeFields?: Record<string, string>, status?: MemberStatus): string;
  /** Edits a member's merge fields as a Mailchimp user would in the app: `last_changed` moves. False when there is no such member. */
  editMember(email: string, mergeFields: Record<string, unknown>): boolean;
  /** Archives a member as a Mailchimp user would (Audience → Archive): out of the audience, restorable. */
  archiveMember(email: string): boolean;
  members(listId?: string): SandboxMember[];
  member(email: string, listId?: string): SandboxMember | undefined;
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  clearRequests(): void;
  snapshot(): MailchimpSnapshot;
  exportState(): MailchimpStoreData;
}

export function createAdmin(deps: { ctx: MailchimpContext; keys: KeyRegistry; limit: ConnectionLimit; faults: FaultInjector; log: RequestLog; batches: MailchimpBatches }): MailchimpSandboxAdmin {
  const { ctx, keys, limit, faults, log, batches } = deps;
  const list = (id = SANDBOX_AUDIENCE_ID) => ctx.store.list(id);
  const admin: MailchimpSandboxAdmin = {
    reset: () => {
      ctx.store.reset();
      faults.clear();
      log.clear();
      limit.reset();
      ctx.settings.rejectEmailPattern = undefined;
      ctx.settings.batchComplianceAnswer = 'errors';
      batches.clear();
    },
    registerKey: (key) => keys.register(key),
    revokeKey: (key) => keys.revoke(key),
    setConnectionLimit: (n) => limit.setMax(n),
    setServiceMs: (ms) => limit.setServiceMs(ms),
    setBatchComplianceAnswer: (answer) => { ctx.settings.batchComplianceAnswer = answer; },
    setMergeFieldLimit: (n) => {
      if (!Number.isInteger(n) || n < 1) throw new RangeError('the merge field limit is a whole number of at least 1');
      ctx.settings.maxMergeFields = n;
    },
    holdBatches: (hold) => {
      batches.hold = hold;
      if (!hold) batches.runQueued();
    },
    runBatches: () => batches.runQueued(),
    batches: () => batches.list(),
    forgetBatch: (id) => batches.forget(id),
    dropBatchResults: (id) => batches.dropResults(id),
    injectFault: (fault) => { faults.add(fault); },
    clearFaults: () => faults.clear(),
    rejectEmails: (pattern) => {
      ctx.settings.rejectEmailPattern = pattern === null ? undefined : typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;
    },
    setMemberStatus: (email, status) => {
      if (!(MEMBER_STATUSES as readonly string[]).includes(status)) throw new RangeError(`status must be one of ${MEMBER_STATUSES.join(', ')}`);
      const m = list()?.members[subscriberHash(email)];
      if (!m) return false;
      m.status = status;
      m.last_changed = mailchimpTime(ctx.now());
      return true;
    },
    addMember: (email, mergeFields = {}, status = 'subscribed') => {
      const audience = list();
      if (!audience) throw new Error('the sandbox has no audience');
      const member = ctx.store.newMember(email, status, ctx.now());
      member.merge_fields = { ...mergeFields };
      audience.members[member.id] = member;
      return member.contact_id;
    },
    editMember: (email, mergeFields) => {
      const m = list()?.members[subscriberHash(email)];
      if (!m) return false;
      Object.assign(m.merge_fields, mergeFields);
      m.last_changed = mailchimpTime(ctx.now());
      return true;
    },
    archiveMember: (email) => {
      const m = list()?.members[subscriberHash(email)];
      if (!m || m.status === 'archived') return false;
      m.status = 'archived';
      m.last_changed = mailchimpTime(ctx.now());
      return true;
    },
    members: (listId) => Object.values(list(listId)?.members ?? {}),
    member: (email, listId) => list(listId)?.members[subscriberHash(email)],
    requests: () => log.summary(),
    recentRequests: () => log.recent(),
    clearRequests: () => log.clear(),
    exportState: () => ctx.store.toData(),
    snapshot: () => ({
      audience: SANDBOX_AUDIENCE_ID,
      members: admin.members(),
      mergeFields: list()?.mergeFields ?? [],
      requests: log.summary(),
      connectionLimit: limit.max,
      serviceMs: limit.serviceMs,
      mergeFieldLimit: ctx.settings.maxMergeFields,
      peakConnections: limit.peak,
      rejectEmailPattern: ctx.settings.rejectEmailPattern?.source ?? null,
      pendingFaults: faults.pending(),
    }),
  };
  return admin;
}
