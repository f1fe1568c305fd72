import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Contact } from '../../preload/schemas/contact';
import type { Transform } from '../../preload/schemas/mapping';
import { ferryValue } from './ferry-fields';

/**
 * Transforms, applied in order to a Ferry field's value before it is sent.
 * Pure and deterministic (the payload's hash decides what is sent). A value a
 * transform cannot read (a phone that is not a number, a date that is not a
 * date) passes through unchanged, so the type check before sending names it.
 */
export interface TransformContext {
  contact: Contact;
  /** the app's default phone region (Settings), for numbers typed without +country code */
  region: string;
}

const titleCase = (s: string): string => s.toLocaleLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase());

function phone(value: string, format: 'e164' | 'national' | 'international', region: string): string {
  if (!value.trim()) return value;
  const parsed = parsePhoneNumberFromString(value.trim(), region as CountryCode);
  if (!parsed?.isValid()) return value;
  return format === 'e164' ? parsed.number : format === 'national' ? parsed.formatNational() : parsed.formatInternational();
}

/** Offset of `timeZone` from UTC at `utcMs`, in ms (Intl only; no time-zone data of our own). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - utcMs;
}

/**
 * A typed date or date-time → epoch ms. `YYYY-MM-DD` is a calendar day (UTC
 * midnight); `YYYY-MM-DDThh:mm` without an offset is wall time in `timeZone`.
 */
export function readDate(text: string, timeZone = 'UTC'): { ms: number; dateOnly: boolean } | null {
  const t = text.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) {
    const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return new Date(ms).getUTCDate() === Number(day[3]) ? { ms, dateOnly: true } : null;
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (local) {
    const wall = Date.UTC(Number(local[1]), Number(local[2]) - 1, Number(local[3]), Number(local[4]), Number(local[5]), Number(local[6] ?? 0));
    // the offset at the wall time itself, corrected once for a DST edge
    const first = wall - zoneOffsetMs(wall, timeZone);
    return { ms: wall - zoneOffsetMs(first, timeZone), dateOnly: false };
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : { ms, dateOnly: false };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function date(value: string, format: 'date' | 'datetime' | 'epoch_ms' | 'dmy' | 'mdy', timeZone: string | undefined): string {
  const read = readDate(value, timeZone ?? 'UTC');
  if (!read) return value;
  // a calendar day stays that day; a moment is shown as the day it is in the chosen zone
  const dayMs = read.dateOnly ? read.ms : read.ms + zoneOffsetMs(read.ms, timeZone ?? 'UTC');
  const d = new Date(dayMs);
  const [y, m, dd] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  switch (format) {
    case 'date': return `${y}-${m}-${dd}`;
    case 'dmy': return `${dd}/${m}/${y}`;
    case 'mdy': return `${m}/${dd}/${y}`;
    // HubSpot date properties take midnight UTC of the day; date-times the moment itself
    case 'epoch_ms': return String(read.ms);
    case 'datetime': return new Date(read.ms).toISOString();
  }
}

function split(value: string, part: 'first' | 'last'): string {
  const words = value.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return part === 'last' ? (words[0] ?? '') : '';
  return part === 'last' ? (words[words.length - 1] as string) : words.slice(0, -1).join(' ');
}

export function applyTransforms(value: string, transforms: readonly Transform[] | undefined, ctx: TransformContext): string {
  let v = value;
  for (const t of transforms ?? []) {
    switch (t.kind) {
      case 'trim': v = v.trim().replace(/\s+/g, ' '); break;
      case 'case': v = t.to === 'upper' ? v.toLocaleUpperCase() : t.to === 'lower' ? v.toLocaleLowerCase() : titleCase(v); break;
      case 'default': if (!v.trim()) v = t.value; break;
      case 'valueMap': {
        const key = Object.keys(t.map).find((k) => k.trim().toLowerCase() === v.trim().toLowerCase());
        if (key !== undefined) v = t.map[key] as string;
        else if (v.trim() && t.otherwise !== undefined) v = t.otherwise;
        break;
      }
      case 'phone': v = phone(v, t.format, t.region ?? ctx.region); break;
      case 'date': v = date(v, t.format, t.timeZone); break;
      case 'join': v = [v, ...t.with.map((f) => ferryValue(ctx.contact, f))].map((s) => s.trim()).filter(Boolean).join(t.separator); break;
      case 'split': v = split(v, t.part); break;
    }
  }
  return v;
}
