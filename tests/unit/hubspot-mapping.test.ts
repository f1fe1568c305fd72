import { describe, expect, it } from 'vitest';
import type { Contact } from '../../preload/schemas/contact';
import {
  customFieldSlug,
  FERRY_PROPERTIES,
  mapContact,
  MAX_NOTE_BODY_CHARS,
  meetingDate,
  NOTE_KEY,
  noteBody,
  propertiesToSend,
} from '../../main/crm/hubspot/mapping';
import { hashPayload } from '../../main/sync/payload';

function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 1,
    uid: 'c_01HZX',
    cardId: 1,
    firstName: 'Ada',
    lastName: 'Lovelace',
    emails: [{ value: 'ada@example.com', label: 'work' }, { value: 'ada@home.example' }],
    phones: [
      { raw: '020 7946 0000', label: 'work', e164: '+442079460000' },
      { raw: '07700 900123', label: 'Mobile', e164: '+447700900123' },
      { raw: 'ext. 42', label: 'desk', e164: null },
    ],
    company: 'Analytical Engines',
    title: 'Countess',
    website: 'https://ada.example',
    addresses: [
      { label: 'office', street: '1 Main St', city: 'London', region: 'Greater London', postalCode: 'N1 9GU', country: 'UK' },
      { label: 'home', street: '2 Side St', city: 'Marylebone', region: '', postalCode: '', country: 'UK' },
    ],
    notes: 'Loves <b>engines</b> & maths.\nCall in May.',
    tags: ['vip', 'conference'],
    customFields: { 'Shoe Size': '38', 'Favourite Café': 'Ritz' },
    meeting: { at: '2024-05-01T10:30:00+02:00', place: 'Booth 12', event: 'Web Summit', notes: 'Asked about pricing' },
    source: 'manual',
    hasAvatar: true,
    hasLogo: true,
    createdAt: 1,
    updatedAt: 2,
    deletedAt: null,
    version: 3,
    ...over,
  };
}

describe('HubSpot mapping', () => {
  it('maps every contact field to its HubSpot property', () => {
    const p = mapContact(contact());
    expect(p).toMatchObject({
      email: 'ada@example.com',
      firstname: 'Ada',
      lastname: 'Lovelace',
      phone: '+442079460000',
      mobilephone: '+447700900123',
      company: 'Analytical Engines',
      jobtitle: 'Countess',
      website: 'https://ada.example',
      address: '1 Main St',
      city: 'London',
      state: 'Greater London',
      zip: 'N1 9GU',
      country: 'UK',
      ferry_id: 'c_01HZX',
      ferry_tags: 'vip; conference',
      ferry_other_emails: 'ada@home.example',
      ferry_other_phones: 'ext. 42 (desk)',
      ferry_other_addresses: '2 Side St, Marylebone, UK (home)',
      ferry_met_at: '2024-05-01',
      ferry_met_where: 'Booth 12',
      ferry_met_event: 'Web Summit',
      ferry_meeting_notes: 'Asked about pricing',
      ferry_cf_shoe_size: '38',
      ferry_cf_favourite_cafe: 'Ritz',
    });
  });

  it('is deterministic: the same contact always hashes the same', () => {
    expect(hashPayload(mapContact(contact()))).toBe(hashPayload(mapContact(contact())));
    const reordered = contact({ customFields: { 'Favourite Café': 'Ritz', 'Shoe Size': '38' } });
    expect(hashPayload(mapContact(reordered))).toBe(hashPayload(mapContact(contact())));
  });

  it('sends cleared fields as empty strings so HubSpot clears them', () => {
    const p = mapContact(contact({ company: '', title: '', phones: [], addresses: [], tags: [], emails: [], meeting: { at: null, place: '', event: '', notes: '' } }));
    for (const key of ['company', 'jobtitle', 'phone', 'mobilephone', 'address', 'city', 'state', 'zip', 'country', 'email', 'ferry_tags', 'ferry_met_at', 'ferry_met_where', 'ferry_met_event', 'ferry_meeting_notes']) {
      expect(p[key], key).toBe('');
    }
  });

  it('sends a removed custom field as an empty string, and strips the note key', () => {
    const before = mapContact(contact());
    const after = mapContact(contact({ customFields: { 'Shoe Size': '39' } }));
    const sent = propertiesToSend(after, before);
    expect(sent.ferry_cf_favourite_cafe).toBe('');
    expect(sent.ferry_cf_shoe_size).toBe('39');
    expect(sent).not.toHaveProperty(NOTE_KEY);
  });

  it('makes stable, HubSpot-safe slugs for custom field names', () => {
    expect(customFieldSlug('Shoe Size')).toBe('shoe_size');
    expect(customFieldSlug('  Favourite Café!! ')).toBe('favourite_cafe');
    expect(customFieldSlug('LinkedIn URL (2)')).toBe('linkedin_url_2');
    const cjk = customFieldSlug('誕生日');
    expect(cjk).toMatch(/^field_[0-9a-f]{10}$/);
    expect(customFieldSlug('誕生日')).toBe(cjk);
    expect(customFieldSlug('x'.repeat(300)).length).toBeLessThanOrEqual(60);
  });

  it('combines two custom fields sharing a slug in a stable order instead of dropping one', () => {
    const p = mapContact(contact({ customFields: { 'shoe-size': 'EU 38', 'Shoe Size': 'UK 5' } }));
    expect(p.ferry_cf_shoe_size).toBe('UK 5; EU 38');
  });

  it('uses the raw phone when it could not be normalised, and the labelled mobile as mobilephone', () => {
    const p = mapContact(contact({ phones: [{ raw: '(555) call me', e164: null }, { raw: '555 0100', label: 'cell', e164: null }] }));
    expect(p.phone).toBe('(555) call me');
    expect(p.mobilephone).toBe('555 0100');
  });

  it('keeps an unreadable meeting date visible in the meeting notes', () => {
    expect(meetingDate('2024-02-30')).toBeNull();
    expect(meetingDate('2024-02-29')).toBe('2024-02-29');
    const p = mapContact(contact({ meeting: { at: 'last spring', place: '', event: '', notes: 'Nice chat' } }));
    expect(p.ferry_met_at).toBe('');
    expect(p.ferry_meeting_notes).toBe('Met on: last spring\nNice chat');
  });

  it('puts notes in the reserved note key as escaped HTML, never as a property', () => {
    const p = mapContact(contact());
    expect(p[NOTE_KEY]).toBe('Loves &lt;b&gt;engines&lt;/b&gt; &amp; maths.<br>Call in May.');
    expect(p).not.toHaveProperty('notes');
    expect(mapContact(contact({ notes: '   ' }))[NOTE_KEY]).toBe('');
  });

  it('truncates very long notes with a clear marker, within HubSpot limit', () => {
    const long = `${'a&b\n'.repeat(40_000)}THE END`;
    const body = noteBody(long);
    expect(body.length).toBeLessThanOrEqual(MAX_NOTE_BODY_CHARS);
    expect(body).toContain('cut by Ferry');
    expect(body).toContain(`${long.length.toLocaleString('en-US')} characters`);
    expect(body).not.toContain('THE END');
    // never cuts an entity or a line break in half
    expect(body.split('[… cut')[0]).toMatch(/(&amp;b|<br>|a|b)$/);
    expect(noteBody('short')).toBe('short');
  });

  it('never sends avatars or logos', () => {
    const p = mapContact(contact({ hasAvatar: true, hasLogo: true }));
    expect(Object.keys(p).some((k) => /avatar|logo|photo|image/i.test(k))).toBe(false);
  });

  it('only uses properties that are standard or Ferry-owned', () => {
    const standard = ['email', 'firstname', 'lastname', 'phone', 'mobilephone', 'company', 'jobtitle', 'website', 'address', 'city', 'state', 'zip', 'country'];
    const allowed = new Set<string>([...standard, ...FERRY_PROPERTIES, NOTE_KEY]);
    for (const key of Object.keys(mapContact(contact()))) {
      expect(allowed.has(key) || key.startsWith('ferry_cf_'), key).toBe(true);
    }
  });
});
