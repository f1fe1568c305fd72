import type { PullProgressView, PullSummaryView, SyncDirection } from '../../preload/schemas/pull';
import type { Connection, ConnectionKind, ConnectionStatus, SyncMode } from '../store/connections';
import type { CrmFieldView, MappingInput } from '../../preload/schemas/mapping';
import type { ContactFilter } from '../../preload/schemas/filter';
import type { Connector } from './connector';

/**
 * What the rest of the app (IPC router, web mode, CLI, tray) may ask of the
 * sync engine. The engine in main/sync/ implements it; callers depend only on
 * this file.
 */

// The engine's results cross the bridge as they are: one definition, in the contract.
import type { DryRunItemView, DryRunPlanView, FieldChangeView, SyncProgressView } from '../../preload/schemas/connection';
import type { RunSummaryView, RunTriggerView } from '../../preload/schemas/sync-log';
import type { TestSyncReport } from '../../preload/schemas/test-sync';

export type RunTrigger = RunTriggerView;
export type FieldChange = FieldChangeView;
export type RunSummary = RunSummaryView;
export type DryRunItem = DryRunItemView;
export type DryRunPlan = DryRunPlanView;
export type SyncProgress = SyncProgressView;

export interface StatusChange {
  connectionId: number;
  status: ConnectionStatus;
  /** a sentence for the user, when the status is a problem */
  message: string | null;
}

export interface ConnectOptions {
  cardId: number;
  kind: ConnectionKind;
  label?: string;
  mode?: SyncMode;
  intervalMinutes?: number;
  /** non-secret settings (base URL, Salesforce object, batch size, sandbox flag) */
  config?: Record<string, unknown>;
  /** secrets to put in the vault under the new connection (token, hook URL, webhook secret) */
  secrets?: Record<string, string>;
  /** the admin's filter and mapping for this CRM, stored before anything can be sent */
  filter?: ContactFilter;
  mapping?: MappingInput;
}

export interface SyncEvents {
  progress: SyncProgress;
  /** a pull applied one more page */
  pullProgress: PullProgressView;
  status: StatusChange;
  runFinished: RunSummary;
}

export interface SyncService {
  connect(options: ConnectOptions): Promise<Connection>;
  disconnect(connectionId: number): Promise<void>;
  /** new credentials for a connection (after 'needs reauthorization'); the outbox resumes where it stopped */
  reconnect(connectionId: number, secrets?: Record<string, string>): Promise<Connection>;
  setMode(connectionId: number, mode: SyncMode, intervalMinutes?: number | null): Connection;
  pause(connectionId: number): Connection;
  resume(connectionId: number): Connection;
  /** joins a run already in progress for the connection instead of starting a second one */
  syncNow(connectionId: number, trigger?: RunTrigger): Promise<RunSummary>;
  dryRun(connectionId: number, limit?: number): Promise<DryRunPlan>;
  /** sends a few pending contacts first (the first `count`, or the named ones) and reads back what the CRM holds */
  testSync(connectionId: number, options: { count?: number; contactIds?: number[] }): Promise<TestSyncReport>;
  /**
   * For the Mapping screen and `ferry mapping`: the connection's connector (its
   * default targets and map() are pure) after it learned what the CRM holds, and
   * the CRM's field list (null: the destination takes free-form keys).
   */
  mappingAccess(connectionId: number): Promise<{ connector: Connector; crmFields: CrmFieldView[] | null }>;
  /** which way contacts flow (docs/pull.md); pull-only queues nothing for the CRM */
  setDirection(connectionId: number, direction: SyncDirection): Connection;
  /** reads the CRM into Ferry from the connection's checkpoint; joins a pull in flight */
  pullNow(connectionId: number, trigger?: RunTrigger, onPage?: (p: { runId: number; pages: number; read: number }) => void): Promise<PullSummaryView>;
  /** the connection's connector (pure parts: map, readable fields), without calling the CRM */
  connectorOf(connectionId: number): Promise<Connector>;
  /** stops the run in flight after its current batch; false when none was running */
  cancel(connectionId: number): boolean;
  /** puts quarantined records back in line (after the user fixed them) */
  retryQuarantined(connectionId: number, contactIds?: number[]): number;
  /** one of the destination's setup actions (descriptor setupActions), with the sentence saying what it did */
  runSetupAction(connectionId: number, action: string): Promise<string>;
  /** network came back or went away (Electron's online/offline, or a probe) */
  setOnline(online: boolean): void;
  on<K extends keyof SyncEvents>(event: K, listener: (payload: SyncEvents[K]) => void): () => void;
  /** stops scheduling; a run in progress finishes its batch and records where it stopped */
  stop(): Promise<void>;
}
