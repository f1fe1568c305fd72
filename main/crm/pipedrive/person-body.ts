import type { Payload } from '../../sync/connector';
import { OWN_KEYS } from './field-schema';
import type { PersonBody } from './api';
import type { FerryFieldKeys } from './fields';
import type { ListEntry } from './mapping';

function list(json: string | null | undefined): ListEntry[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as ListEntry[]) : [];
}

/**
 * A payload as Pipedrive's v2 person body. Every field is sent on create and
 * on update alike, so an update leaves nothing stale: an emptied list is sent
 * as [] and an emptied custom field as null (Pipedrive clears a custom field
 * set to null).
 */
/** A mapped custom field's value in the JSON type it takes (field-schema.ts wireValue). */
export type WireValue = (fieldCode: string, text: string) => string | number | number[] | null;

/**
 * Besides Ferry's two fields, every custom field the connection's mapping
 * sends (a payload key that is a field code), typed by `wire`; an emptied one
 * is null, which clears it.
 */
export function personBody(payload: Payload, keys: FerryFieldKeys, wire: WireValue = (_k, text) => (text === '' ? null : text)): PersonBody {
  const mapped = Object.entries(payload).filter(([k]) => !OWN_KEYS.has(k) && !k.startsWith('__'));
  return {
    name: payload.name ?? '',
    // absent (the mapping sends them elsewhere): not sent, so Pipedrive keeps what it has
    ...(payload.emails === undefined ? {} : { emails: list(payload.emails) }),
    ...(payload.phones === undefined ? {} : { phones: list(payload.phones) }),
    custom_fields: {
      ...Object.fromEntries(mapped.map(([k, v]) => [k, wire(k, v ?? '')])),
      [keys.ferryId]: payload.ferryId ?? null,
      [keys.details]: payload.details ? payload.details : null,
    },
  };
}
