import { AUTH_STYLES, CONNECTION_SETTINGS, DESTINATION_IDS, secretFieldsByKey, type CREDENTIAL_KEYS, type CredentialField } from '../../destinations/index';
import { z } from 'zod';
import { clean, hasControlCharacters, idSchema } from './common';
import type { ConnectionLocks } from './policy';

/**
 * The wire shape of connections. The store (main/store/connections.ts) uses
 * these lists as they are.
 */
/** Every destination Ferry knows (destinations/index.ts): the descriptors are the one list. */
export const CONNECTION_KINDS = DESTINATION_IDS;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const CONNECTION_STATUSES = ['connected', 'syncing', 'paused', 'needs_reauth', 'waiting_for_network', 'error', 'disconnected'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const SYNC_MODES = ['manual', 'automatic', 'scheduled'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** What the Integrations screen shows as a single colour. */
export type ConnectionHealth = 'healthy' | 'warning' | 'error' | 'paused';

export const MIN_INTERVAL_MINUTES = 1;
export const MAX_INTERVAL_MINUTES = 7 * 24 * 60;
const intervalSchema = z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES);

/**
 * Settings of a connection that are not secret and may be shown. Where the
 * credentials go (`baseUrl`, `auth`) is set only by the rep's own connect; an
 * imported configuration never carries it (config-transfer.ts). A headless
 * run's token variable (`--token-env`) is a CLI option and never crosses the
 * contract. main/services checks `baseUrl` against the endpoint policy
 * (https, or loopback; the vendor's hosts for HubSpot and Salesforce).
 */
type PlainSetting = Exclude<(typeof CONNECTION_SETTINGS)[number], 'baseUrl' | 'object'>;

/** The descriptors' plain text settings (an audience, a region): what a driver reads besides the address and the object. */
export const PLAIN_SETTINGS = CONNECTION_SETTINGS.filter((name): name is PlainSetting => name !== 'baseUrl' && name !== 'object');
export const plainSettingsShape = Object.fromEntries(PLAIN_SETTINGS.map((name) => [name, z.string().min(1).max(512).optional()])) as Record<PlainSetting, z.ZodOptional<z.ZodString>>;

const publicConnectionConfigSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  object: z.enum(['Contact', 'Lead']).optional(),
  batchSize: z.number().int().min(1).max(1000).optional(),
  auth: z.enum(AUTH_STYLES).optional(),
  ...plainSettingsShape,
}).strict();
export type PublicConnectionConfig = z.infer<typeof publicConnectionConfigSchema>;

/** What an admin's configuration may set on a rep's connection: what to send and how, never where (nor with which credentials). */
export const importableConnectionConfigSchema = publicConnectionConfigSchema.pick({ object: true, batchSize: true });

/**
 * Secrets flow IN only (connect); no output type ever carries one. Each is
 * optional because each kind needs a different one.
 */
type CredentialKey = (typeof CREDENTIAL_KEYS)[number];

/** One typed secret, checked as its descriptor field says: an address is a URL; anything else is text without control characters. */
function secretSchema(field: CredentialField): z.ZodType<string> {
  if (field.check?.rule === 'url') return z.url({ protocol: /^https?$/ }).max(2048);
  const min = field.check?.rule === 'minLength' ? field.check.min : 1;
  return z.string().min(min).max(8192).refine((t) => !hasControlCharacters(t), `The ${field.label.toLowerCase()} contains a control character; paste it again.`);
}

/**
 * Secrets flow IN only (connect); no output type ever carries one. The fields
 * are every destination's typed secrets (destinations/), each optional because
 * each kind needs different ones; main checks the rest (the endpoint policy, a
 * Zapier hook's path).
 */
const connectionSecretsSchema = z.object(
  Object.fromEntries([...secretFieldsByKey()].map(([key, field]) => [key, secretSchema(field).optional()])) as Record<CredentialKey, z.ZodOptional<z.ZodType<string>>>,
).strict();

export const connectInputSchema = z.object({
  cardId: idSchema.optional(),
  kind: z.enum(CONNECTION_KINDS),
  label: clean().trim().min(1).max(200).optional(),
  mode: z.enum(SYNC_MODES).optional(),
  intervalMinutes: intervalSchema.optional(),
  /** connect to Ferry's built-in local sandbox of this CRM instead of the real one */
  sandbox: z.boolean().optional(),
  config: publicConnectionConfigSchema.optional(),
  secrets: connectionSecretsSchema.optional(),
}).strict().refine((v) => v.mode !== 'scheduled' || v.intervalMinutes !== undefined, {
  message: 'Scheduled mode needs an interval in minutes.',
  path: ['intervalMinutes'],
});

/** New credentials after "needs reauthorization"; a sandbox connection needs none. */
export const reconnectInputSchema = z.object({
  connectionId: idSchema,
  secrets: connectionSecretsSchema.optional(),
}).strict();

export const connectionIdSchema = z.object({ connectionId: idSchema }).strict();

export const setModeInputSchema = z.object({
  connectionId: idSchema,
  mode: z.enum(SYNC_MODES),
  intervalMinutes: intervalSchema.nullable().optional(),
}).strict().refine((v) => v.mode !== 'scheduled' || (v.intervalMinutes !== undefined && v.intervalMinutes !== null), {
  message: 'Scheduled mode needs an interval in minutes.',
  path: ['intervalMinutes'],
});

export const dryRunInputSchema = z.object({
  connectionId: idSchema,
  limit: z.number().int().min(1).max(1000).optional(),
}).strict();

export const retryQuarantinedInputSchema = z.object({
  connectionId: idSchema,
  contactIds: z.array(idSchema).min(1).max(10_000).optional(),
}).strict();

/** one of the destination's setup actions (its descriptor's setupActions), by id */
export const runSetupActionInputSchema = z.object({
  connectionId: idSchema,
  action: z.string().regex(/^[a-z][a-z0-9-]*$/).max(60),
}).strict();

export const listConnectionsInputSchema = z.object({
  cardId: idSchema.optional(),
  includeDisconnected: z.boolean().optional(),
}).strict().optional();

/** Progress of a run in flight, as the progress bar needs it. */
export interface SyncProgressView {
  connectionId: number;
  runId: number;
  done: number;
  total: number;
  /** records per second */
  rate: number;
  /** estimated milliseconds left, null until known */
  etaMs: number | null;
}

export const QUARANTINED_IDS_LIMIT = 1000;

export interface ConnectionView {
  id: number;
  cardId: number;
  kind: ConnectionKind;
  label: string;
  status: ConnectionStatus;
  health: ConnectionHealth;
  mode: SyncMode;
  intervalMinutes: number | null;
  /** true when this connection targets Ferry's local sandbox */
  sandbox: boolean;
  /**
   * true when a webhook or Zapier connection delivers to a receiver on this
   * computer (http://localhost, 127.0.0.1 or [::1]): the card says "local test receiver"
   */
  localReceiver: boolean;
  /** the CRM account (portal id, org) for display, when known */
  account: string | null;
  config: PublicConnectionConfig;
  /**
   * whether a secret is stored for it (null: the keychain could not be read);
   * the secret itself never crosses the bridge
   */
  hasSecret: boolean | null;
  /**
   * contacts whose current state has not reached this connection yet: the
   * outbox, Ferry's one definition of pending work (the same number the
   * contact panel, dry run, tray and `ferry status` read)
   */
  pending: number;
  /** contacts set aside: the CRM refused them (or they kept failing), or they were held for a shared e-mail */
  quarantined: number;
  /**
   * of `quarantined`, the contacts held before any call because another contact has their
   * e-mail in a CRM that matches on it (main/sync/shared-email.ts): the CRM never saw them
   */
  held: number;
  /**
   * the records set aside, by contact id (at most QUARANTINED_IDS_LIMIT, lowest
   * first; `quarantined` is the full count), so the screen can show exactly them
   */
  quarantinedContactIds: number[];
  lastSuccessAt: number | null;
  /**
   * Scheduled mode: when the next scheduled sync may start (it starts only if
   * something is pending then); null for Manual and Automatic
   */
  nextSyncAt: number | null;
  /** the last problem as a sentence a rep understands */
  lastError: string | null;
  /** the CRM's own words for the last problem */
  lastErrorDetail: string | null;
  /** records created or updated since local midnight */
  syncedToday: number;
  syncedTotal: number;
  /** failed or quarantined record outcomes since local midnight */
  errorsToday: number;
  /** the run in flight, if any */
  progress: SyncProgressView | null;
  /**
   * whether contacts are linked to CRM companies here: 'linked', or why not
   * ("not linked: the token lacks the company scopes"); absent or null when the destination does not say
   */
  companies?: string | null;
  /** what the admin's policy locks on this connection (shown with a lock and "set by your admin"); absent: nothing */
  locks?: ConnectionLocks;
  /** which way contacts flow (docs/pull.md); absent = push */
  direction?: 'push' | 'pull' | 'two-way';
  /** pull and two-way: when Ferry last read the CRM completely (null: never) */
  lastPullAt?: number | null;
  /** pull and two-way: fields both sides changed that wait for the rep */
  openConflicts?: number;
  /** the CRM's daily API allocation as it last stated it, and the headroom Ferry leaves; absent or null when the CRM never said */
  allocation?: AllocationView | null;
  createdAt: number;
  updatedAt: number;
  disconnectedAt: number | null;
}

/** The org's daily API allocation, which every laptop and the org's other integrations share. */
export interface AllocationView {
  used: number;
  limit: number;
  /** when the CRM said so */
  at: number;
  /** automatic and scheduled pushes stop at this share of the limit */
  stopAtPercent: number;
  /** true when the org is at or past it: automatic and scheduled pushes wait, Sync now still sends */
  held: boolean;
  /** the sentence with the numbers (the same one `ferry status` prints) */
  line: string;
  /** what the headroom means for it: automatic syncs stop at N %, or wait now */
  advice: string;
}

export interface FieldChangeView {
  field: string;
  old: string | null;
  new: string | null;
}

export interface DryRunItemView {
  contactId: number;
  name: string;
  /** 'held': set aside instead of sent, for `reason` (another contact has its e-mail there) */
  action: 'create' | 'update' | 'held';
  reason?: string;
  changes: FieldChangeView[];
}

export interface DryRunPlanView {
  connectionId: number;
  /** pending contacts the plan looked at (the connection's `pending`) */
  pending: number;
  /** of those, contacts whose CRM payload is what the CRM already holds: completed without a call */
  unchanged: number;
  /** contacts that would be sent: creates + updates */
  total: number;
  creates: number;
  updates: number;
  /** contacts the sync would set aside, not send: another contact of the card has their e-mail there */
  held: number;
  items: DryRunItemView[];
}

export interface SandboxOffer {
  kind: ConnectionKind;
  label: string;
  /** true when a connection of this kind already exists on the card */
  connected: boolean;
}
