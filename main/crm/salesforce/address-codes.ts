/**
 * State and Country/Territory picklists: an org that has them takes ISO codes in
 * `…CountryCode` / `…StateCode` and refuses free-text countries and states that are
 * not its picklist values (FIELD_INTEGRITY_EXCEPTION, "There's a problem with this
 * country, even though it may appear correct"; see docs/vendor-facts.md). Ferry maps
 * what reps type ("Germany", "Deutschland", "UK", "NY") to the org's codes; what does
 * not map goes to the "From Ferry" block, never a rejected record.
 */

interface PicklistValue {
  value: string;
  label: string;
  /** for a dependent picklist (states): the controlling values (country codes) it is valid for */
  validFor?: ReadonlySet<string>;
}

/** The country and state picklists of one address, from describe. */
export interface AddressPicklists {
  countries: PicklistValue[];
  states: PicklistValue[];
}

const fold = (text: string): string => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[.\s'’-]+/g, ' ').trim();

/** Common names and abbreviations no picklist label or ISO code covers. */
const COUNTRY_ALIASES: Record<string, string> = {
  uk: 'GB', 'u k': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
  usa: 'US', 'u s a': 'US', 'u s': 'US', 'united states of america': 'US', america: 'US', 'the united states': 'US',
  holland: 'NL', 'the netherlands': 'NL', 'south korea': 'KR', 'korea': 'KR', russia: 'RU', 'czech republic': 'CZ', uae: 'AE',
};

/** Languages whose country names reps type most; Node's Intl knows every region's name in them. */
const NAME_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'da', 'no', 'fi', 'pl'];

let regionNames: Map<string, string> | undefined;

/** Folded country name (in NAME_LOCALES) → ISO code, built once from Intl.DisplayNames. */
function namesToCodes(codes: Iterable<string>): Map<string, string> {
  regionNames ??= new Map();
  for (const code of codes) {
    if (!/^[A-Z]{2}$/.test(code)) continue;
    for (const locale of NAME_LOCALES) {
      try {
        const name = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(code);
        if (name && !regionNames.has(fold(name))) regionNames.set(fold(name), code);
      } catch {
        // a locale Node's ICU lacks: the other names still apply
      }
    }
  }
  return regionNames;
}

/** The org's code for a country as a rep typed it, or undefined. */
export function countryCode(text: string, picklists: AddressPicklists): string | undefined {
  const wanted = fold(text);
  if (!wanted) return undefined;
  const allowed = new Set(picklists.countries.map((c) => c.value));
  const byValue = picklists.countries.find((c) => fold(c.value) === wanted);
  if (byValue) return byValue.value;
  const byLabel = picklists.countries.find((c) => fold(c.label) === wanted);
  if (byLabel) return byLabel.value;
  const alias = COUNTRY_ALIASES[wanted];
  if (alias && allowed.has(alias)) return alias;
  const named = namesToCodes(allowed).get(wanted);
  return named && allowed.has(named) ? named : undefined;
}

/** The org's code for a state of `country` as a rep typed it ("NY", "New York"), or undefined. */
export function stateCode(text: string, country: string, picklists: AddressPicklists): string | undefined {
  const wanted = fold(text);
  if (!wanted) return undefined;
  const candidates = picklists.states.filter((s) => !s.validFor || s.validFor.has(country));
  return (candidates.find((s) => fold(s.value) === wanted) ?? candidates.find((s) => fold(s.label) === wanted))?.value;
}

/**
 * Which controlling values a dependent picklist value is valid for: describe's
 * `validFor` is base64 of a bitmap, one bit per controlling value in order, most
 * significant bit first (Salesforce REST API guide, describe "validFor").
 */
export function decodeValidFor(validFor: string, controlling: readonly string[]): Set<string> {
  const bytes = Buffer.from(validFor, 'base64');
  const out = new Set<string>();
  controlling.forEach((value, i) => {
    const byte = bytes[i >> 3] ?? 0;
    if (byte & (0x80 >> (i & 7))) out.add(value);
  });
  return out;
}
