import type { ContactInput } from '../../preload/schemas/contact';
import type { AddressPart, ColumnPlan } from './csv-columns';

type Address = { label?: string; street: string; city: string; region: string; postalCode: string; country: string };

interface Labelled { values: string[]; label?: string }

/** Google writes several values in one cell as "a ::: b". */
const MULTI = ' ::: ';

/** Google marks the primary label with "* " and puts everyone in the system group "myContacts". */
function cleanLabel(label: string): string | undefined {
  const clean = label.trim().replace(/^\*\s*/, '');
  return clean === '' ? undefined : clean;
}

function splitValues(cell: string): string[] {
  if (!cell.includes(MULTI)) return [cell]; // the cell is trimmed and not empty already
  return cell.split(MULTI).map((v) => v.trim()).filter((v) => v !== '');
}

/** Tags are split at ',' or ';', or only at ":::" when the cell uses it (Google, and Ferry for tags holding commas). */
function splitTags(cell: string): string[] {
  const parts = cell.includes(':::') ? cell.split(':::') : cell.split(/[;,]/);
  return parts.map((t) => t.trim().replace(/^\*\s*/, '')).filter((t) => t !== '' && t.toLowerCase() !== 'mycontacts');
}

/** "Müller, Anna" or "Anna Maria Müller" when a file has only a full-name column. */
function splitFullName(full: string): { firstName: string; lastName: string } {
  const name = full.trim().replace(/\s+/g, ' ');
  const comma = name.indexOf(',');
  if (comma > 0) return { firstName: name.slice(comma + 1).trim(), lastName: name.slice(0, comma).trim() };
  const space = name.lastIndexOf(' ');
  if (space < 0) return { firstName: name, lastName: '' };
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

/** Undoes export-csv.ts's guard against spreadsheet formulas: "'=SUM(A1)" was "=SUM(A1)", "''=x" was "'=x". */
export function unguard(cell: string): string {
  return /^'+[=+\-@\t\r\n\0]/.test(cell) ? cell.slice(1) : cell;
}

/** Outlook writes "0/0/00" (German Outlook "0.0.00", Dutch "0-0-00") into every empty date column. */
const NO_VALUE = /^0{1,2}[./-]0{1,2}[./-]0{2,4}$/;

function slotOf<T>(map: Map<string, T>, slot: string, make: () => T): T {
  let entry = map.get(slot);
  if (!entry) {
    entry = make();
    map.set(slot, entry);
  }
  return entry;
}

/**
 * One CSV row as a contact. Returns null for a row with nothing in it (the
 * trailing ",,,," lines spreadsheets write), which is not an error.
 */
export function rowToInput(cells: readonly string[], plan: ColumnPlan, source: string): ContactInput | null {
  let firstName = '';
  let lastName = '';
  let fullName = '';
  let company = '';
  let title = '';
  let website = '';
  const notes: string[] = [];
  const tags: string[] = [];
  const meeting = { at: '', place: '', event: '', notes: '' };
  const emails = new Map<string, Labelled>();
  const phones = new Map<string, Labelled>();
  const addresses = new Map<string, Address & { formatted: string[] }>();
  const customLabels = new Map<string, string>();
  const customValues = new Map<string, string>();
  const customFields: Record<string, string> = {};
  let any = false;

  const count = Math.min(cells.length, plan.targets.length);
  for (let i = 0; i < count; i++) {
    const raw = unguard(cells[i] ?? '');
    const cell = raw.trim();
    if (cell === '') continue;
    any = true;
    const target = plan.targets[i]!;
    switch (target.kind) {
      case 'firstName': firstName = cell; break;
      case 'lastName': lastName = cell; break;
      case 'fullName': fullName = cell; break;
      case 'company': company = cell; break;
      case 'title': title = cell; break;
      case 'website': website = cell; break;
      // Notes keep their inner spacing and line breaks exactly as the file has them.
      case 'notes': notes.push(raw); break;
      case 'tags': tags.push(...splitTags(cell)); break;
      case 'meetingAt': meeting.at = cell; break;
      case 'meetingPlace': meeting.place = cell; break;
      case 'meetingEvent': meeting.event = cell; break;
      case 'meetingNotes': meeting.notes = raw; break;
      case 'email':
      case 'phone': {
        const entry = slotOf(target.kind === 'email' ? emails : phones, target.slot, (): Labelled => ({ values: [] }));
        if (target.part === 'label') entry.label = cleanLabel(cell);
        else {
          entry.values.push(...splitValues(cell));
          if (target.label !== undefined && entry.label === undefined) entry.label = target.label;
        }
        break;
      }
      case 'address': {
        const a = slotOf(addresses, target.slot, (): Address & { formatted: string[] } => ({ street: '', city: '', region: '', postalCode: '', country: '', formatted: [] }));
        if (target.label !== undefined && a.label === undefined) a.label = target.label;
        setAddressPart(a, target.part, cell);
        break;
      }
      case 'customLabel': customLabels.set(target.slot, cell); break;
      case 'customValue': customValues.set(target.slot, cell); break;
      case 'custom': if (!NO_VALUE.test(cell)) customFields[target.name] = cell; break;
      case 'ignore': break;
    }
  }
  if (cells.length > plan.targets.length && cells.slice(plan.targets.length).some((c) => c.trim() !== '')) {
    any = true; // values beyond the header still make this a real row
    cells.slice(plan.targets.length).forEach((c, i) => {
      if (c.trim() !== '') customFields[`Column ${plan.targets.length + i + 1}`] = c.trim();
    });
  }
  if (!any) return null;

  for (const [slot, value] of customValues) customFields[customLabels.get(slot) ?? slot] = value;
  if (firstName === '' && lastName === '' && fullName !== '') ({ firstName, lastName } = splitFullName(fullName));

  return {
    firstName,
    lastName,
    emails: flatten(emails).map(({ value, label }) => (label === undefined ? { value } : { value, label })),
    phones: flatten(phones).map(({ value, label }) => (label === undefined ? { raw: value } : { raw: value, label })),
    company,
    title,
    website,
    addresses: [...addresses.values()].map(finishAddress).filter((a) => a !== null),
    notes: notes.join('\n\n'),
    tags,
    customFields,
    meeting: { at: meeting.at === '' ? null : meeting.at, place: meeting.place, event: meeting.event, notes: meeting.notes },
    source,
  };
}

function flatten(map: Map<string, Labelled>): { value: string; label?: string }[] {
  const out: { value: string; label?: string }[] = [];
  for (const { values, label } of map.values()) for (const value of values) out.push(label === undefined ? { value } : { value, label });
  return out;
}

function setAddressPart(a: Address & { formatted: string[] }, part: AddressPart, cell: string): void {
  switch (part) {
    case 'label': a.label = cleanLabel(cell); break;
    case 'formatted': a.formatted.push(cell); break;
    case 'street': a.street = a.street === '' ? cell : `${a.street}\n${cell}`; break;
    default: a[part] = cell;
  }
}

/** Google's "Formatted" address is used only when the file has no separate parts. */
function finishAddress(a: Address & { formatted: string[] }): Address | null {
  const { formatted, ...address } = a;
  const empty = !address.street && !address.city && !address.region && !address.postalCode && !address.country;
  if (empty && formatted.length === 0) return null;
  if (empty) address.street = formatted.join('\n');
  if (address.label === undefined) delete address.label;
  return address;
}
