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

export const MAX_PAGE_SIZE = 1000;

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
