import { z } from 'zod';
import { contactFilterSchema } from './filter';
import { mappingSchema } from './mapping';
import { CONNECTION_KINDS, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, SYNC_MODES, importableConnectionConfigSchema } from './connection';
import { idSchema } from './common';

/**
 * A connection configuration an admin exports and reps import. It carries what
 * a rep should take from an admin — mode, schedule, mapping and what to send
 * (Salesforce object, webhook batch size) — and never where a connection sends
 * its credentials or which ones: no base URL, no auth kind, no token variable,
 * no secret. Files written before this rule may still name `baseUrl`, `auth` or
 * `tokenEnv`; those keys are read only to be ignored, and the import report
 * lists them.
 */
export const CONFIG_FORMAT = 'ferry-config';
export const CONFIG_VERSION = 1;

/** Keys older exports carried that say where credentials go: accepted in a file, never applied. */
export const IGNORED_CONFIG_KEYS = ['baseUrl', 'auth', 'tokenEnv'] as const;

const exportedConnectionSchema = z.object({
  kind: z.enum(CONNECTION_KINDS),
  label: z.string().trim().min(1).max(200),
  mode: z.enum(SYNC_MODES),
  intervalMinutes: z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES).nullable(),
  config: importableConnectionConfigSchema.extend({
    baseUrl: z.unknown().optional(),
    auth: z.unknown().optional(),
    tokenEnv: z.unknown().optional(),
  }).strict(),
  mapping: mappingSchema,
  /** which contacts the connection sends; absent in files exported before filters existed */
  filter: contactFilterSchema.optional(),
}).strict();
export type ExportedConnection = z.infer<typeof exportedConnectionSchema>;

export const ferryConfigSchema = z.object({
  format: z.literal(CONFIG_FORMAT),
  version: z.literal(CONFIG_VERSION),
  exportedAt: z.string().max(64),
  settings: z.object({ defaultPhoneRegion: z.string().regex(/^[A-Z]{2}$/).optional() }).strict(),
  connections: z.array(exportedConnectionSchema).max(CONNECTION_KINDS.length),
}).strict();
export type FerryConfig = z.infer<typeof ferryConfigSchema>;

const MAX_CONFIG_CHARS = 1024 * 1024;

export const exportConfigInputSchema = z.object({ cardId: idSchema.optional() }).strict().optional();
export const importConfigInputSchema = z.object({
  cardId: idSchema.optional(),
  /** the exported file's text */
  json: z.string().min(2).max(MAX_CONFIG_CHARS),
}).strict();

export interface ConfigExport {
  fileName: string;
  json: string;
}

export interface ConfigImportReport {
  /** kinds whose existing connection took the imported mode, mapping and settings */
  applied: string[];
  /**
   * settings in the file that say where a connection sends its credentials
   * ("hubspot: baseUrl"), which an import never changes
   */
  ignored: string[];
  /** kinds in the file with no connection on this card yet: connect them, then import again */
  notConnected: string[];
  /** kinds whose connection here is a sandbox: the file (made for the real CRM) is not applied to it */
  sandboxes: string[];
  settingsApplied: boolean;
}
