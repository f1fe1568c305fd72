import type { ContactFields } from '../../preload/schemas/contact';

/**
 * Deterministic, realistic synthetic contacts: the same index always yields the
 * same person, so the desktop app's first run, `ferry demo seed` and the
 * benchmarks all see the same data.
 */

const FIRST = ['Ava', 'Liam', 'Sofia', 'Noah', 'Mia', 'Lucas', 'Emma', 'Mateo', 'Chloé', 'Yuki', 'Amara', 'Omar', 'Ingrid', 'Raj', 'Zoë', 'Kwame', 'Lena', 'Diego', 'Priya', 'Jonas', 'Fatima', 'Hiro', 'Elif', 'Marco', 'Nadia', 'Tomás', 'Aiko', 'Björn', 'Leila', 'Samuel'];
const LAST = ['Okafor', 'Nguyen', 'García', 'Müller', 'Rossi', 'Kowalski', 'Tanaka', 'Smith', 'Johansson', 'Haddad', 'Patel', 'Dubois', 'Silva', 'Kim', 'Novak', 'Fischer', 'Mensah', 'Costa', 'Larsen', 'Yilmaz', "O'Brien", 'Schmidt', 'Ivanova', 'Chen', 'Moreau', 'Andersson', 'Ramos', 'Sato', 'Cohen', 'Walker'];
const COMPANIES = ['Northwind Traders', 'Contoso Ltd', 'Fabrikam', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Foods', 'Acme Robotics', 'Blue Harbor Energy', 'Pinecrest Labs', 'Orbital Freight', 'Helios Solar', 'Tidewater Analytics', 'Granite Insurance'];
const TITLES = ['Head of Sales', 'Procurement Manager', 'CTO', 'Operations Lead', 'VP Marketing', 'Account Executive', 'Founder', 'Buyer', 'IT Director', 'Office Manager'];
const EVENTS = ['Web Summit', 'SaaStr Annual', 'CES', 'Dreamforce', 'INBOUND', 'MWC Barcelona', 'Client visit', 'Trade fair Hannover'];
const CITIES: [string, string, string][] = [['Boston', 'MA', 'US'], ['Austin', 'TX', 'US'], ['Lisbon', '', 'PT'], ['Berlin', '', 'DE'], ['Toronto', 'ON', 'CA'], ['London', '', 'GB'], ['Paris', '', 'FR'], ['Denver', 'CO', 'US']];
const TAGS = ['lead', 'customer', 'partner', 'hot', 'follow-up', 'trade-show', 'vip', 'renewal'];

/** mulberry32: a tiny seeded PRNG; enough for synthetic data and replayable tests, never for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function demoContact(index: number): ContactFields {
  const r = seededRandom(index * 7919 + 17);
  const firstName = pick(r, FIRST);
  const lastName = pick(r, LAST);
  const company = pick(r, COMPANIES);
  const [city, region, country] = pick(r, CITIES);
  const domain = `${slug(company)}.example.com`;
  const tags = TAGS.filter(() => r() < 0.2);
  const met = r() < 0.6;
  const day = 1 + Math.floor(r() * 28);
  const month = 1 + Math.floor(r() * 12);
  return {
    firstName,
    lastName,
    // the index keeps e-mails unique, as real address books mostly are
    emails: [{ value: `${slug(firstName)}.${slug(lastName)}.${index}@${domain}`, label: 'work' }],
    phones: [{ raw: `+1 617 555 ${String(1000 + (index % 9000)).padStart(4, '0')}`, label: 'work' }],
    company,
    title: pick(r, TITLES),
    website: `https://${domain}`,
    addresses: r() < 0.5 ? [{ label: 'work', street: `${1 + Math.floor(r() * 400)} Main St`, city, region, postalCode: String(10000 + Math.floor(r() * 89999)), country }] : [],
    notes: r() < 0.4 ? `Met ${firstName} to talk about ${pick(r, ['pricing', 'a pilot', 'the renewal', 'integration needs', 'a demo'])}.` : '',
    tags,
    customFields: r() < 0.3 ? { 'Lead source': pick(r, ['Booth', 'Referral', 'Website']) } : {},
    meeting: met
      ? { at: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, place: city, event: pick(r, EVENTS), notes: '' }
      : { at: null, place: '', event: '', notes: '' },
    source: 'demo',
  };
}
