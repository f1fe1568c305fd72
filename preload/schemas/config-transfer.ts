import { z } from 'zod';
import { CONNECTION_KINDS, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, SYNC_MODES, publicConnectionConfigSchema } from './connection';
import { idSchema } from './common';

/**
 * A connection configuration an admin exports and reps import. It carries no
 * secrets by construction: only the public config schema, mode and mapping.
 */
export const CONFIG_FORMAT = 'ferry-config';
export const CONFIG_VERSION = 1;

export const exportedConnectionSchema = z.object({
  kind: z.enum(CONNECTION_KINDS),
  label: z.string().trim().min(1).max(200),
  mode: z.enum(SYNC_MODES),
  intervalMinutes: z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES).nullable(),
  config: publicConnectionConfigSchema,
  mapping: z.record(z.string().min(1).max(200), z.string().max(200)),
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

export const MAX_CONFIG_CHARS = 1024 * 1024;

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
  /** kinds in the file with no connection on this card yet: connect them, then import again */
  notConnected: string[];
  settingsApplied: boolean;
}
