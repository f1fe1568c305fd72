import { createHash } from 'node:crypto';
import { z } from 'zod';
import { importMappingSchema, type ImportField, type ImportMapping } from '../../preload/schemas/contacts-api';
import type { Db } from '../store/db';
import { readSettingValue, writeSettingValue } from '../store/settings';
import { headerKey } from './vocabulary/index';

/**
 * The column mapping a user chose in the import preview, remembered per
 * header row (as HubSpot's import wizard does), so next month's export from
 * the same tool is mapped the same way without asking. The key is a hash of
 * the header's column names as the planner reads them (case and punctuation
 * ignored), kept in the settings table as "import.mapping.<hash>".
 */
export function headerHash(headers: readonly string[]): string {
  return createHash('sha256').update(headers.map(headerKey).join('\u0001')).digest('hex').slice(0, 32);
}

const KEY_PREFIX = 'import.mapping.';
const stored = z.object({ columns: z.number().int(), mapping: importMappingSchema }).strict();

export function toChoiceMap(mapping: ImportMapping): Map<number, ImportField> {
  return new Map(mapping.map((m) => [m.column, m.field]));
}

/** The remembered choices for this header, if any; only for a header with the same number of columns. */
export function rememberedMapping(db: Db, headers: readonly string[]): Map<number, ImportField> | undefined {
  const parsed = stored.safeParse(readSettingValue(db, KEY_PREFIX + headerHash(headers)));
  if (!parsed.success || parsed.data.columns !== headers.length) return undefined;
  return toChoiceMap(parsed.data.mapping);
}

/** Remembers the user's choices for this header; an empty mapping forgets them. */
export function rememberMapping(db: Db, headers: readonly string[], mapping: ImportMapping): void {
  const key = KEY_PREFIX + headerHash(headers);
  writeSettingValue(db, key, mapping.length === 0 ? undefined : { columns: headers.length, mapping });
}
