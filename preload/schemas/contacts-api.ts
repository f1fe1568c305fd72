import { z } from 'zod';
import { clean, idSchema, pageSchema } from './common';
import { contactInputSchema, contactPatchSchema, type Contact } from './contact';

/** Channel inputs and outputs for contacts; the contact itself is in contact.ts. */

export const listContactsInputSchema = z.object({
  cardId: idSchema.optional(),
  ...pageSchema,
}).strict();

/** One page of a search, like listContacts: the answer carries the true total, so every match can be reached. */
export const searchContactsInputSchema = z.object({
  cardId: idSchema.optional(),
  /** control characters (a NUL pasted from a terminal) are removed, so the search still answers */
  query: clean().max(500),
  ...pageSchema,
}).strict();

export const contactIdSchema = z.object({ id: idSchema }).strict();

/** Undo of deletes (one contact or many, e.g. "Remove demo contacts"). */
export const restoreContactsInputSchema = z.object({ ids: z.array(idSchema).min(1).max(100_000) }).strict();

/** Bulk actions on the contacts a rep ticked in the list. */
export const contactIdsSchema = z.object({ ids: z.array(idSchema).min(1).max(100_000) }).strict();
export const tagContactsInputSchema = z.object({ ids: z.array(idSchema).min(1).max(100_000), tag: z.string().trim().min(1).max(200) }).strict();

export const removeDemoContactsInputSchema = z.object({ cardId: idSchema.optional() }).strict();

export const createContactInputSchema = z.object({
  cardId: idSchema.optional(),
  contact: contactInputSchema,
}).strict();

export const updateContactInputSchema = z.object({
  id: idSchema,
  patch: contactPatchSchema,
}).strict();

/** The largest file the import accepts (before base64); larger files go through `ferry contacts import`. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** The fields a column of a CSV file can be mapped to in the import preview. */
const IMPORT_FIELDS = [
  'firstName', 'lastName', 'fullName', 'email', 'phone', 'company', 'title', 'website', 'notes', 'tags',
  'street', 'city', 'region', 'postalCode', 'country', 'meetingAt', 'meetingPlace', 'meetingEvent', 'meetingNotes',
  'custom', 'ignore',
] as const;
const importFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importFieldSchema>;

/** The user's choice for some columns (by 0-based index); the others keep what Ferry recognised. */
export const importMappingSchema = z.array(z.object({
  column: z.number().int().min(0).max(9_999),
  field: importFieldSchema,
}).strict()).max(10_000);
export type ImportMapping = z.infer<typeof importMappingSchema>;

const importFileShape = {
  cardId: idSchema.optional(),
  fileName: z.string().trim().min(1).max(512),
  content: z.discriminatedUnion('encoding', [
    /** the file's bytes, so the importer can detect UTF-16 / Latin-1 itself */
    z.object({ encoding: z.literal('base64'), data: z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not valid base64.') }).strict(),
    z.object({ encoding: z.literal('text'), data: z.string().max(MAX_IMPORT_BYTES) }).strict(),
  ]),
  /** CSV: the user's mapping; it is remembered for files with the same header row. Omitted: the remembered one, if any */
  mapping: importMappingSchema.optional(),
};

export const importContactsInputSchema = z.object({
  ...importFileShape,
  /** true: one invalid row and nothing is written. false (default): the valid rows are imported, the rest reported */
  strict: z.boolean().default(false),
  /** accepted from older callers and ignored: importing the valid rows is the default now */
  skipInvalid: z.boolean().optional(),
}).strict();

/** The same file as importContacts takes; nothing is written. */
export const previewImportInputSchema = z.object({
  ...importFileShape,
  strict: z.boolean().default(false),
}).strict();

export const exportContactsInputSchema = z.object({ cardId: idSchema.optional() }).strict().optional();

/**
 * Where a contact stands in one connection, from the outbox (the one
 * definition of pending work) and the link:
 * - waiting: its current state has not reached the connection yet;
 * - set_aside: the CRM rejected it (or kept failing); the reason is in lastError;
 * - synced: the CRM holds its current state (a delivery for Zapier and webhooks);
 * - deleted: deleted in Ferry; a record the CRM holds is kept there (deletes are not propagated);
 * - demo: a made-up demo contact, which Ferry sends to sandbox connections only.
 */
type ContactSyncState = 'waiting' | 'set_aside' | 'synced' | 'deleted' | 'demo';

export interface ContactSyncLinkView {
  connectionId: number;
  kind: string;
  state: ContactSyncState;
  /** the CRM's record id, null until first pushed */
  externalId: string | null;
  /** the record in the CRM's own web app, when Ferry can build the address (never for sandboxes) */
  recordUrl: string | null;
  syncedAt: number | null;
  lastError: string | null;
}

export interface ContactDetail {
  contact: Contact;
  /** one entry per active connection of the contact's card */
  sync: ContactSyncLinkView[];
}

interface ImportRejection {
  /** 1-based line (CSV) or the line a card starts on (vCard) */
  line: number;
  reason: string;
}

interface ImportWarningView {
  line: number;
  message: string;
}

interface ImportMergeView {
  line: number;
  /** the line of the earlier row it was merged into */
  into: number;
  reason: string;
}

export type ImportColumnStatus = 'recognised' | 'guessed' | 'custom' | 'ignored' | 'chosen';

export interface ImportColumnView {
  index: number;
  header: string;
  status: ImportColumnStatus;
  /** the field it maps to, or null when it is a label column ("E-mail 1 - Type") */
  field: ImportField | null;
  /** what it becomes, in words: "E-mail", "Phone (mobile)", "Custom field “Birthday”" */
  description: string;
  samples: string[];
}

export interface ImportReportView {
  fileName: string;
  format: string;
  /** e.g. "utf-8", "windows-1252", "utf-16le" */
  encoding: string;
  /** the application whose export this is: "Outlook (German)", "LinkedIn connections", "vCard 3.0" */
  layout: string;
  /** CSV: the 1-based line of the header row (below a preamble, it is not 1) */
  headerLine: number | null;
  /** CSV: the column separator found (",", ";", a tab…); null for vCards */
  delimiter: string | null;
  skippedRows: number;
  /** CSV: each column and what it maps to; empty for vCards */
  columns: ImportColumnView[];
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  /** rows that were the same person as an earlier row of the file, merged into it */
  merged: number;
  rejected: ImportRejection[];
  warnings: ImportWarningView[];
  /** all warnings; the list holds at most the first 1,000 */
  warningCount: number;
  mergedRows: ImportMergeView[];
  strict: boolean;
  /** false when nothing was written (an unusable file, or strict mode met an invalid row); false for every preview */
  written: boolean;
  /** the whole file could not be read as contacts (empty, no recognisable columns): nothing is imported, strict or not */
  unusable: boolean;
  /** one sentence summing up the outcome */
  message: string;
}

/** What an import would do, before anything is written. */
export interface ImportPreviewView extends ImportReportView {
  /** false when the import would write nothing (an unusable file, or strict mode and invalid rows) */
  wouldWrite: boolean;
}

export interface ContactsExport {
  fileName: string;
  csv: string;
}

/** Pushed after every contact write so open screens refresh. */
export interface ContactChangedEvent {
  cardId: number;
  /** the ids that changed; empty with `bulk` for an import */
  ids: number[];
  kind: 'created' | 'updated' | 'deleted' | 'imported';
}

export const createCardInputSchema = z.object({ name: clean().trim().min(1).max(200) }).strict();

export interface CardView {
  id: number;
  name: string;
  createdAt: number;
  contactCount: number;
  /** live made-up demo contacts (source 'demo'), which go to sandbox connections only */
  demoContactCount: number;
}
