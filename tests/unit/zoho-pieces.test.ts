import { describe, expect, it } from 'vitest';
import { zohoDailyCredits, zohoRegion, zohoWriteCredits } from '../../destinations/zoho';
import { mapContact, MAX_DESCRIPTION_CHARS } from '../../main/crm/zoho/mapping';
import { appHostFor, readOrg } from '../../main/crm/zoho/org';
import { recordFor } from '../../main/crm/zoho/upsert';
import { clientFor } from '../../main/oauth/authorize';
import { withTokenServer } from '../../main/oauth/providers';
import { toTokenSet } from '../../main/oauth/token-response';
import { checkEndpoint } from '../../main/policy/endpoint-policy';
import type { Contact } from '../../preload/schemas/contact';

const contact = (over: Partial<Contact> = {}): Contact => ({
  id: 1, uid: 'uid-1', cardId: 1, firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }], phones: [], company: '', title: '', website: '',
  addresses: [], notes: '', tags: [], customFields: {}, meeting: { at: null, place: '', event: '', notes: '' }, source: 'manual',
  hasAvatar: false, hasLogo: false, createdAt: 0, updatedAt: 0, deletedAt: null, version: 1, ...over,
});

describe('Zoho CRM limits (api-limits.html)', () => {
  it('credits per 24 h by edition and licences, capped; an upsert costs 1 credit per 10 records', () => {
    expect(zohoDailyCredits('free', 3)).toBe(5_000);
    expect(zohoDailyCredits('standard', 10)).toBe(52_500);
    expect(zohoDailyCredits('standard', 1_000)).toBe(100_000);
    expect(zohoDailyCredits('enterprise', 100)).toBe(150_000);
    expect(zohoWriteCredits(100)).toBe(10);
    expect(zohoWriteCredits(1)).toBe(1);
    expect(zohoWriteCredits(11)).toBe(2);
  });

  it('reads the org\'s edition and licences, tolerating a missing or unknown shape', () => {
    expect(readOrg({ org: [{ id: '1', domain_name: 'org60012345678', license_details: { paid_type: 'Enterprise', users_license_purchased: 20 } }] }))
      .toEqual({ account: '60012345678', edition: 'enterprise', licences: 20, dailyCredits: 70_000 });
    expect(readOrg({ org: [{ zgid: '777', license_details: { paid: false } }] })).toMatchObject({ account: '777', edition: 'free', dailyCredits: 5_000 });
    expect(readOrg(undefined)).toEqual({});
    expect(readOrg({ org: 'nonsense' })).toEqual({});
  });
});

describe('Zoho CRM data centres', () => {
  it('maps a region to its API domain, the API domain to its web app, and accepts only Zoho hosts', () => {
    expect(zohoRegion('eu').api).toBe('https://www.zohoapis.eu');
    expect(zohoRegion(undefined).api).toBe('https://www.zohoapis.com');
    expect(appHostFor('https://www.zohoapis.com.au')).toBe('crm.zoho.com.au');
    expect(appHostFor('https://www.zohoapis.ca')).toBe('crm.zohocloud.ca');
    for (const ok of ['https://www.zohoapis.eu', 'https://www.zohoapis.ca', 'https://accounts.zohocloud.ca', 'https://accounts.zoho.com.au']) expect(checkEndpoint(ok, { what: 'x', vendor: 'zoho' }).ok, ok).toBe(true);
    for (const bad of ['https://www.zohoapis.evil.com', 'https://zohoapis.com.evil.example', 'http://www.zohoapis.com']) expect(checkEndpoint(bad, { what: 'x', vendor: 'zoho' }).ok, bad).toBe(false);
  });

  it('keeps api_domain as the account\'s API base, and redeems at a callback\'s accounts-server only when it is a Zoho host', () => {
    expect(toTokenSet({ access_token: 'a', api_domain: 'https://www.zohoapis.eu', expires_in: 3600 }, 0)).toMatchObject({ instanceUrl: 'https://www.zohoapis.eu', expiresAt: 3_600_000 });
    const client = clientFor({ provider: 'zoho', clientId: 'c', clientSecret: 's' });
    expect(withTokenServer(client, 'https://accounts.zoho.eu').endpoints.tokenUrl).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(withTokenServer(client, 'https://accounts.zoho.eu').endpoints.authorizeUrl).toBe('https://accounts.zoho.com/oauth/v2/auth');
    expect(() => withTokenServer(client, 'https://accounts.evil.example')).toThrow(/Zoho CRM's own addresses/);
  });
});

describe('Zoho CRM mapping', () => {
  it('a value longer than its field goes to the block; notes are cut before the block', () => {
    const long = 'x'.repeat(120);
    const p = mapContact(contact({ title: long, notes: 'n'.repeat(40_000), company: 'Engines' }));
    expect(p.Title).toBe('');
    expect(p.Description).toContain(`Title: ${long}`);
    expect(p.Description).toContain('Company: Engines');
    expect(p.Description!.length).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS);
    expect(p.Description).toContain('cut by Ferry');
  });

  it('Last_Name is never empty; a first upsert sends no nulls, a later one clears what was sent', () => {
    expect(mapContact(contact({ firstName: 'Cher', lastName: '' }))).toMatchObject({ First_Name: '', Last_Name: 'Cher' });
    const payload = mapContact(contact({ title: '' }));
    const first = recordFor({ contactId: 1, contactVersion: 1, uid: 'uid-1', externalId: null, payload, previousPayload: {}, aux: {}, contact: contact() });
    expect(Object.values(first)).not.toContain(null);
    const later = recordFor({ contactId: 1, contactVersion: 2, uid: 'uid-1', externalId: '9', payload, previousPayload: { ...payload, Title: 'Countess' }, aux: {}, contact: contact() });
    expect(later.Title).toBeNull();
  });
});
