import { describe, expect, it } from 'vitest';
import { buildContactEvent, contactEventId } from '../../main/crm/shared/contact-event';
import { deliveryError } from '../../main/crm/shared/delivery-http';
import { hashPayload } from '../../main/sync/payload';
import { createZapierConnector, ZAPIER_TARGET } from '../../main/crm/zapier';
import { connection, contact, pushItem } from '../integration/zapier-fixtures';

const conn = connection('zapier');
const connector = createZapierConnector({ hookUrl: async () => 'https://hooks.zapier.com/hooks/catch/1/a/' });

describe('contact events', () => {
  it('derive the event id from connection, contact uid and version only', () => {
    const id = contactEventId(7, 'c-uid-1', 3);
    expect(id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(contactEventId(7, 'c-uid-1', 3)).toBe(id);
    expect(contactEventId(7, 'c-uid-1', 4)).not.toBe(id);
    expect(contactEventId(8, 'c-uid-1', 3)).not.toBe(id);
    expect(contactEventId(7, 'c-uid-2', 3)).not.toBe(id);
  });

  it('carry the contact id, version, action and every field, never the avatar or logo', () => {
    const c = contact(1);
    const created = buildContactEvent(7, pushItem(connector, conn, c));
    expect(created).toMatchObject({ action: 'created', type: 'contact.created', contact_id: 'c-uid-1', contact_version: 3 });
    expect(created.contact).toMatchObject({
      first_name: 'Ada1', last_name: 'Lovelace', full_name: 'Ada1 Lovelace', company: 'Analytical Engines Ltd', title: 'Engineer',
      website: 'https://example.com', primary_email: 'ada1@example.com', primary_phone: '+442079460018', notes: 'Met at the stand; wants a demo.',
      tags: ['vip', 'expo-2026'], custom_fields: { Budget: '10k' }, meeting: { at: '2026-03-01', place: 'Hall B', event: 'Expo', notes: 'coffee' },
    });
    expect(created.contact.emails).toHaveLength(2);
    expect(created.contact.addresses[0]).toMatchObject({ city: 'London', postal_code: 'N1' });
    expect(JSON.stringify(created)).not.toMatch(/avatar|logo/i);
    expect(buildContactEvent(7, pushItem(connector, conn, c, 'evt_previous')).action).toBe('updated');
  });

  it('map to a payload whose hash changes whenever a sent field changes, and not for the avatar', () => {
    const base = hashPayload(connector.map(contact(1), conn));
    const variants: Array<Parameters<typeof contact>[1]> = [
      { firstName: 'X' }, { emails: [{ value: 'ada1@example.com', label: 'home' }] }, { tags: ['vip'] }, { customFields: { Budget: '20k' } },
      { meeting: { at: null, place: 'Hall B', event: 'Expo', notes: 'coffee' } }, { addresses: [] }, { notes: 'x' }, { source: 'csv' },
      { phones: [{ raw: '+44 20 7946 0019', label: 'mobile', e164: '+442079460019' }] },
    ];
    for (const v of variants) expect(hashPayload(connector.map(contact(1, v), conn))).not.toBe(base);
    expect(hashPayload(connector.map(contact(1, { hasAvatar: false, hasLogo: false, version: 9, updatedAt: 1 }), conn))).toBe(base);
  });
});

describe('delivery errors', () => {
  const now = Date.UTC(2026, 0, 1);
  it('map each non-2xx to the SyncError kind the engine acts on', () => {
    expect(deliveryError(429, { 'retry-after': '7' }, '', ZAPIER_TARGET, now)).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 7000, status: 429 } });
    expect(deliveryError(503, {}, 'down', ZAPIER_TARGET, now)).toMatchObject({ kind: 'server', details: { crmError: 'down' } });
    expect(deliveryError(410, {}, '', ZAPIER_TARGET, now)).toMatchObject({ kind: 'config', message: 'This Zapier hook no longer exists — paste a new Catch Hook URL.' });
    expect(deliveryError(404, {}, '', ZAPIER_TARGET, now).kind).toBe('config');
    expect(deliveryError(400, {}, '', ZAPIER_TARGET, now).kind).toBe('invalid_request');
    expect(deliveryError(408, {}, '', ZAPIER_TARGET, now).kind).toBe('timeout');
  });
});
