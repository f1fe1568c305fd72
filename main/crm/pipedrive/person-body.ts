import type { Payload } from '../../sync/connector';
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
export function personBody(payload: Payload, keys: FerryFieldKeys): PersonBody {
  return {
    name: payload.name ?? '',
    emails: list(payload.emails),
    phones: list(payload.phones),
    custom_fields: {
      [keys.ferryId]: payload.ferryId ?? null,
      [keys.details]: payload.details ? payload.details : null,
    },
  };
}
