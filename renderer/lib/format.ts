/** Formatting shared by the screens. Pure functions, locale from the browser. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const number = new Intl.NumberFormat();

export function formatDateTime(ms: number | null): string {
  return ms === null ? 'Never' : dateTime.format(ms);
}

export function formatTime(ms: number): string {
  return timeOnly.format(ms);
}

export function formatCount(n: number): string {
  return number.format(n);
}

/** "3.2 s", "1 min 5 s", "2 h 3 min" */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Local YYYY-MM-DD of a timestamp (the same days getStats uses with utcOffsetMinutes). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (x: number): string => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Minutes to add to UTC to get local time (the contract's utcOffsetMinutes). */
export function utcOffsetMinutes(at = Date.now()): number {
  return -new Date(at).getTimezoneOffset();
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'long' });
const RELATIVE_STEPS: [limitMs: number, unit: Intl.RelativeTimeFormatUnit, unitMs: number][] = [
  [60_000, 'second', 1_000],
  [3_600_000, 'minute', 60_000],
  [86_400_000, 'hour', 3_600_000],
  [7 * 86_400_000, 'day', 86_400_000],
];

/** "5 minutes ago", "in 4 minutes", "just now"; a week or more away shows the date itself. */
export function formatRelative(ms: number, now: number): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 10_000) return 'just now';
  for (const [limit, unit, unitMs] of RELATIVE_STEPS) {
    if (abs < limit) return relative.format(Math.round(diff / unitMs), unit);
  }
  return formatDateTime(ms);
}

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A meeting's time as it was entered: a date alone stays a date (never "12:00 AM"). */
export function formatMeetingAt(at: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at);
  if (day) return dateOnly.format(new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : formatDateTime(ms);
}
