import type { Clock as FullClock } from '../clock';
import type { Connection, ConnectionKind } from '../store/connections';
import type { Db } from '../store/db';
import type { ImportMapping, ImportPreviewView, ImportReportView } from '../../preload/schemas/contacts-api';
import type { OAuthConnectDeps } from '../oauth/sign-in';

/**
 * What the service layer needs from modules other people own. Each port is the
 * smallest thing the screens need; main/runtime/ adapts the real modules to it.
 */

/** The services only read the time: the one Clock (main/clock.ts), without its sleep. */
export type Clock = Pick<FullClock, 'now'>;
export { systemClock } from '../clock';

/** The vault as the screens see it: only whether a secret exists, never its value. */
export interface SecretPresence {
  hasSecret(connectionId: number): Promise<boolean>;
}

export interface ImportRequest {
  cardId: number;
  fileName: string;
  content: { kind: 'bytes'; data: Buffer } | { kind: 'text'; data: string };
  /** all or nothing; by default the valid rows are imported and the rest reported */
  strict: boolean;
  /** CSV: the user's column mapping; remembered for the file's header. Omitted: a remembered one, if any */
  mapping?: ImportMapping;
  region: string;
}

/** Contact files (main/import): one transaction per import, report of what happened. */
export interface ContactFiles {
  /** what an import of the file would do; writes nothing */
  previewFile(db: Db, request: ImportRequest): Promise<ImportPreviewView>;
  importFile(db: Db, request: ImportRequest): Promise<ImportReportView>;
  exportCsv(db: Db, cardId: number): Promise<string>;
}

interface SandboxEndpoint {
  baseUrl: string;
  /** the sandbox's own token: a secret, handed straight to the engine's connect */
  secrets: Record<string, string>;
}

/** Ferry's built-in local CRMs (main/sandbox), started in-process on first use. */
export interface SandboxProvider {
  kinds(): ConnectionKind[];
  start(kind: ConnectionKind): Promise<SandboxEndpoint>;
  close(): Promise<void>;
}

export const noSandboxes: SandboxProvider = {
  kinds: () => [],
  start: (kind) => Promise.reject(new Error(`There is no ${kind} sandbox in this build of Ferry.`)),
  close: () => Promise.resolve(),
};

/** How the browser sign-in reaches the vault, the engine and the OAuth settings (main/runtime/ builds it). */
export interface OAuthSignInPort {
  /**
   * Read on every use: an admin may add a client id while Ferry runs. Throws
   * the OAuthError's sentence when oauth-clients.json is broken.
   */
  deps(): OAuthConnectDeps;
  /** the desktop app's shell.openExternal; null when the page opens the address itself (web mode) */
  openExternal: ((url: string) => Promise<void>) | null;
  /** how long a sign-in may wait for the browser (default DEFAULT_AUTHORIZATION_TIMEOUT_MS) */
  timeoutMs?: number;
}

/** One test delivery through a connection's connector ("Send test event", "Test"); main/runtime-delivery-test.ts. */
export interface DeliveryTester {
  /**
   * Sends one test event; false when the kind has no test event (CRMs);
   * throws the connector's SyncError (its sentence) when the destination refuses.
   * `candidates` are secrets to try instead of the stored ones, never stored.
   */
  send(connection: Connection, candidates?: Record<string, string>): Promise<boolean>;
}

export const noDeliveryTests: DeliveryTester = { send: async () => false };
