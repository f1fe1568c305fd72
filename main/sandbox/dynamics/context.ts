import type { Clock } from '../shared/clock';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { KeyStatus } from './org';
import type { DynamicsOrg } from './org';

/** A column value the environment's business logic refuses (a plug-in throwing InvalidPluginExecutionException). */
export interface RejectRule {
  column: string;
  pattern: RegExp;
  message: string;
}

export interface DynamicsSettings {
  /** the user holds a customizer's privileges (may create columns and keys) */
  canCustomize: boolean;
  /** the EntityKeyIndexStatus a new key starts with: Active at once, or Pending until an admin says otherwise */
  newKeyStatus: KeyStatus;
  rejectRules: RejectRule[];
  /** the user holds prvDeleteRecordChangeHistory (System Administrator has it) */
  canDeleteAuditHistory: boolean;
  userId: string;
  organizationId: string;
}

/**
 * Change tracking on the contact table ("Use change tracking to synchronize data
 * with external systems"): off until an admin turns on "Track changes" (and then it
 * cannot be turned off); a delta token older than the organisation's
 * ExpireChangeTrackingInDays (0–365, "Maximum number of days to keep change tracking
 * deleted records"; 7 by default per the same page) fails.
 */
export interface ChangeTrackingState {
  enabled: boolean;
  expireDays: number;
  /** tracked reads served: first reads (no delta token, their pages included) and delta reads */
  reads: { initial: number; delta: number };
}

export interface DynamicsContext {
  org: DynamicsOrg;
  settings: DynamicsSettings;
  tracking: ChangeTrackingState;
  now: Clock;
  /** the sandbox's own address: the organisation URL of this environment */
  orgUrl(): string;
  /** the API routes, so `$batch` can serve its parts through the same handlers */
  api(): Router<DynamicsRoute>;
}

/** One API operation: served alone, or as one part of a `$batch`. */
export type DynamicsRoute = (req: SandboxRequest, ctx: DynamicsContext) => Reply;
