import { contactExists, invalidPropertyValues, uniqueValueExists, validationError, type PropertyValueError } from './errors';
import type { HubSpotContext } from './context';
import { normaliseEmail, type CrmRecord } from './state';

/** One contact write inside a batch: an existing target, or a new contact when absent. */
export interface ContactWrite {
  targetId: string | undefined;
  values: Record<string, string | null>;
}

interface AppliedWrite {
  record: CrmRecord;
  created: boolean;
}

/**
 * Applies a batch of contact writes all-or-nothing, as HubSpot does for batch
 * create/update/upsert: every value is validated and every unique value
 * (email, unique custom properties) is checked before anything is stored, so a
 * refused batch leaves no partial writes.
 */
export function applyContactWrites(ctx: HubSpotContext, writes: ContactWrite[], o: { validated?: boolean } = {}): AppliedWrite[] {
  // `validated`: the caller has already kept only writes whose values are valid (a multi-status batch)
  const invalid = o.validated ? [] : writes.flatMap((write) => invalidValues(ctx, write));
  if (invalid.length > 0) throw invalidPropertyValues(invalid);
  checkUniqueness(ctx, writes);
  const { store, settings } = ctx;

  const now = ctx.now();
  return writes.map((write) => {
    const created = write.targetId === undefined;
    const id = write.targetId ?? store.newId();
    return { record: store.putContact(id, write.values, now, settings.searchLagMs), created };
  });
}

/** Every reason HubSpot would refuse this write's values (empty when valid). */
export function invalidValues(ctx: HubSpotContext, write: ContactWrite): PropertyValueError[] {
  return ctx.store.properties.validate('contacts', write.values, ctx.store.portalId, ctx.settings.rejectEmailPattern);
}

/** Throws the first conflict, as HubSpot reports only the first duplicate in a batch. */
function checkUniqueness(ctx: HubSpotContext, writes: ContactWrite[]): void {
  const { store } = ctx;
  const uniqueNames = ['email', ...store.properties.list('contacts').filter((p) => p.hasUniqueValue && p.name !== 'email').map((p) => p.name)];
  for (const name of uniqueNames) {
    const claimedBy = new Map<string, number>();
    writes.forEach((write, index) => {
      const raw = write.values[name];
      if (raw === undefined || raw === null || raw === '') return;
      const value = name === 'email' ? normaliseEmail(raw) : raw;
      const owner = store.contactIdByUnique(name, value);
      if (owner !== undefined && owner !== write.targetId) {
        throw name === 'email' ? contactExists(owner) : uniqueValueExists(name, owner);
      }
      const earlier = claimedBy.get(value);
      const sameTarget = earlier !== undefined && write.targetId !== undefined && writes[earlier]?.targetId === write.targetId;
      if (earlier !== undefined && !sameTarget) {
        throw validationError(`Duplicate value "${value}" for unique property "${name}" in batch input (inputs ${earlier} and ${index})`);
      }
      claimedBy.set(value, index);
    });
  }
}

/** The properties an upsert or update may key on: email and unique-value custom properties. */
export function assertUniqueIdProperty(ctx: HubSpotContext, idProperty: string): void {
  if (idProperty === 'email') return;
  const def = ctx.store.properties.get('contacts', idProperty);
  if (!def) throw validationError(`Property "${idProperty}" does not exist and cannot be used as an idProperty`);
  if (!def.hasUniqueValue) throw validationError('Unable to perform update/upsert by non-unique 0-1 property');
}
