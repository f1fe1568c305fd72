import { getCountries } from 'libphonenumber-js';

/**
 * The State and Country/Territory picklists of an org that turned them on
 * (help.salesforce.com, "Standard Countries and Territories for Address Picklists":
 * ISO codes as values, English names as labels and integration values; states for
 * some countries, each valid for its country). The sandbox's countries are the ISO
 * regions Node knows, its states those of the US, Canada and Australia.
 */
interface SandboxPicklistValue {
  value: string;
  label: string;
  /** states: the country code it belongs to */
  country?: string;
}

const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export const COUNTRY_VALUES: readonly SandboxPicklistValue[] = getCountries()
  .map((code) => ({ value: code, label: english.of(code) ?? code }))
  .sort((a, b) => a.value.localeCompare(b.value));

const US = 'AL Alabama,AK Alaska,AZ Arizona,AR Arkansas,CA California,CO Colorado,CT Connecticut,DE Delaware,DC District of Columbia,FL Florida,GA Georgia,HI Hawaii,ID Idaho,IL Illinois,IN Indiana,IA Iowa,KS Kansas,KY Kentucky,LA Louisiana,ME Maine,MD Maryland,MA Massachusetts,MI Michigan,MN Minnesota,MS Mississippi,MO Missouri,MT Montana,NE Nebraska,NV Nevada,NH New Hampshire,NJ New Jersey,NM New Mexico,NY New York,NC North Carolina,ND North Dakota,OH Ohio,OK Oklahoma,OR Oregon,PA Pennsylvania,RI Rhode Island,SC South Carolina,SD South Dakota,TN Tennessee,TX Texas,UT Utah,VT Vermont,VA Virginia,WA Washington,WV West Virginia,WI Wisconsin,WY Wyoming';
const CA = 'AB Alberta,BC British Columbia,MB Manitoba,NB New Brunswick,NL Newfoundland and Labrador,NS Nova Scotia,NT Northwest Territories,NU Nunavut,ON Ontario,PE Prince Edward Island,QC Quebec,SK Saskatchewan,YT Yukon Territories';
const AU = 'ACT Australian Capital Territory,NSW New South Wales,NT Northern Territory,QLD Queensland,SA South Australia,TAS Tasmania,VIC Victoria,WA Western Australia';

const states = (country: string, list: string): SandboxPicklistValue[] =>
  list.split(',').map((entry) => {
    const [value = '', ...name] = entry.split(' ');
    return { value, label: name.join(' '), country };
  });

export const STATE_VALUES: readonly SandboxPicklistValue[] = [...states('US', US), ...states('CA', CA), ...states('AU', AU)];

/** describe's `validFor` for a state: base64 of a bitmap over the country values, most significant bit first. */
export function validForOf(country: string): string {
  const index = COUNTRY_VALUES.findIndex((c) => c.value === country);
  const bytes = Buffer.alloc(Math.ceil(COUNTRY_VALUES.length / 8));
  if (index >= 0) bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (0x80 >> (index & 7));
  return bytes.toString('base64');
}

export const countryByCode = (code: string): SandboxPicklistValue | undefined => COUNTRY_VALUES.find((c) => c.value === code);
export const countryByName = (name: string): SandboxPicklistValue | undefined => COUNTRY_VALUES.find((c) => c.label === name);
export const stateOf = (country: string, code: string): SandboxPicklistValue | undefined => STATE_VALUES.find((s) => s.country === country && s.value === code);
export const stateByName = (country: string, name: string): SandboxPicklistValue | undefined => STATE_VALUES.find((s) => s.country === country && s.label === name);
