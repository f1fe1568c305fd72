import { z } from 'zod';

/**
 * Small schemas shared by several channels. Every object schema that comes from
 * the renderer is strict: an unknown key is a bug on the caller's side, and
 * silently dropping it would hide that bug.
 */

/** A SQLite row id as the renderer sends it. */
export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Milliseconds since the epoch. */
export const timestampSchema = z.number().int().min(0).max(8.64e15);

const MAX_PAGE_SIZE = 1000;

export const pageSchema = {
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
};

/** A list channel's answer: one page plus the total, so a virtualized list can size itself. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Channels that take no arguments still validate: only `{}` or nothing is accepted. */
export const emptySchema = z.object({}).strict().optional();

/**
 * C0 control characters other than TAB, LF and CR, and DEL. Nothing a person
 * types or pastes into a contact or a search needs them, NUL breaks the C APIs
 * under Ferry (SQLite's full-text search, the keychain) and they hide text in
 * exports. Every free-text string that crosses the contract passes through
 * `clean()`, which removes them (secrets, which must arrive byte for byte, are
 * refused instead: see connection.ts).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

export function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

/** A string with control characters removed before any other check (length, trim) runs. */
export const clean = () => z.string().overwrite(stripControlCharacters);
