import type { Connection, ConnectionKind, ConnectionStatus, SyncMode } from '../store/connections';

/**
 * What the rest of the app (IPC router, web mode, CLI, tray) may ask of the
 * sync engine. The engine in main/sync/ implements it; callers depend only on
 * this file.
 */

export type RunTrigger = 'manual' | 'automatic' | 'scheduled' | 'resume' | 'connect';

export interface FieldChange {
  field: string;
  old: string | null;
  new: string | null;
}

export interface RunSummary {
  runId: number;
  connectionId: number;
  trigger: RunTrigger;
  state: 'succeeded' | 'partial' | 'failed' | 'interrupted';
  planned: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  quarantined: number;
  apiCalls: number;
  rateLimited: number;
  startedAt: number;
  finishedAt: number;
  /** a sentence for the user when the run did not fully succeed */
  error: string | null;
}

export interface DryRunItem {
  contactId: number;
  name: string;
  action: 'create' | 'update';
  changes: FieldChange[];
}

export interface DryRunPlan {
  connectionId: number;
  total: number;
  creates: number;
  updates: number;
  /** the first items, field by field (the plan may be long) */
  items: DryRunItem[];
}

export interface SyncProgress {
  connectionId: number;
  runId: number;
  done: number;
  total: number;
  /** records per second over the run so far */
  rate: number;
  /** estimated milliseconds left, null until it can be estimated */
  etaMs: number | null;
}

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
}

export interface SyncEvents {
  progress: SyncProgress;
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
  /** puts quarantined records back in line (after the user fixed them) */
  retryQuarantined(connectionId: number, contactIds?: number[]): number;
  /** network came back or went away (Electron's online/offline, or a probe) */
  setOnline(online: boolean): void;
  on<K extends keyof SyncEvents>(event: K, listener: (payload: SyncEvents[K]) => void): () => void;
  /** stops scheduling; a run in progress finishes its batch and records where it stopped */
  stop(): Promise<void>;
}
