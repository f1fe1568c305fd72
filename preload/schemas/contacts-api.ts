import { z } from 'zod';
import { clean, idSchema, pageSchema } from './common';
import { contactInputSchema, contactPatchSchema, type Contact } from './contact';

/** Channel inputs and outputs for contacts; the contact itself is in contact.ts. */

export const listContactsInputSchema = z.object({
  cardId: idSchema.optional(),
  ...pageSchema,
}).strict();

export const searchContactsInputSchema = z.object({
  cardId: idSchema.optional(),
  /** control characters (a NUL pasted from a terminal) are removed, so the search still answers */
  query: clean().max(500),
  limit: z.number().int().min(1).max(1000).default(100),
}).strict();

export const contactIdSchema = z.object({ id: idSchema }).strict();

/** Undo of deletes (one contact or many, e.g. "Remove demo contacts"). */
export const restoreContactsInputSchema = z.object({ ids: z.array(idSchema).min(1).max(100_000) }).strict();

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

export const importContactsInputSchema = z.object({
  cardId: idSchema.optional(),
  fileName: z.string().trim().min(1).max(512),
  content: z.discriminatedUnion('encoding', [
    /** the file's bytes, so the importer can detect UTF-16 / Latin-1 itself */
    z.object({ encoding: z.literal('base64'), data: z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not valid base64.') }).strict(),
    z.object({ encoding: z.literal('text'), data: z.string().max(MAX_IMPORT_BYTES) }).strict(),
  ]),
  /** false (default): one invalid row aborts the import and nothing is written */
  skipInvalid: z.boolean().default(false),
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
export type ContactSyncState = 'waiting' | 'set_aside' | 'synced' | 'deleted' | 'demo';

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

export interface ImportRejection {
  /** 1-based line (CSV) or card number (vCard) */
  line: number;
  reason: string;
}

export interface ImportReportView {
  fileName: string;
  format: string;
  added: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  /** false when an invalid row aborted the import and nothing was written */
  written: boolean;
  /** one sentence summing up the outcome */
  message: string;
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
}
