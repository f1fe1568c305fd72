import type { ConnectionKind, ConnectionView, SyncMode } from '../../../preload/schemas/connection';
import { KIND_NAMES } from '../../lib/kinds';

/**
 * What a configuration file holds and what importing it would change, in
 * words, computed before anything is saved or applied. The file is read
 * loosely here (main validates it strictly on import): a preview must never
 * be the reason a file cannot be looked at.
 */

interface FileConnection {
  kind: ConnectionKind;
  label: string;
  mode: SyncMode;
  intervalMinutes: number | null;
  mapping: { fields?: Record<string, unknown>; rules?: unknown[]; routing?: unknown };
}

export interface ConfigFileView {
  connections: FileConnection[];
  region: string | null;
}

const KINDS = Object.keys(KIND_NAMES) as ConnectionKind[];
const MODES: SyncMode[] = ['manual', 'automatic', 'scheduled'];

/** Reads the parts a rep cares about; throws a sentence when the text is not a Ferry configuration at all. */
export function readConfigFile(json: string): ConfigFileView {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('This file is not a Ferry configuration: it is not valid JSON.');
  }
  const o = raw as { format?: unknown; connections?: unknown; settings?: { defaultPhoneRegion?: unknown } } | null;
  if (!o || o.format !== 'ferry-config' || !Array.isArray(o.connections)) throw new Error('This file is not a Ferry configuration (exported from Settings → Share a configuration).');
  const connections = o.connections.flatMap((c: unknown): FileConnection[] => {
    const x = c as Partial<FileConnection> | null;
    if (!x || !KINDS.includes(x.kind as ConnectionKind) || !MODES.includes(x.mode as SyncMode)) return [];
    return [{ kind: x.kind!, label: typeof x.label === 'string' ? x.label : KIND_NAMES[x.kind!], mode: x.mode!, intervalMinutes: typeof x.intervalMinutes === 'number' ? x.intervalMinutes : null, mapping: typeof x.mapping === 'object' && x.mapping !== null ? x.mapping : {} }];
  });
  const region = typeof o.settings?.defaultPhoneRegion === 'string' ? o.settings.defaultPhoneRegion : null;
  return { connections, region };
}

export function modeWords(mode: SyncMode, interval: number | null): string {
  return mode === 'manual' ? 'Manual' : mode === 'automatic' ? 'Automatic' : `Scheduled, every ${interval ?? '?'} min`;
}

const fieldCount = (mapping: FileConnection['mapping']): string => {
  const n = Object.keys(mapping.fields ?? {}).length + (mapping.rules?.length ?? 0) + (mapping.routing ? 1 : 0);
  return n === 0 ? 'the default field mapping' : `a field mapping of ${n} ${n === 1 ? 'field' : 'fields'}`;
};

/** "In the file" and "left out" lines for the export preview. */
export function describeExport(file: ConfigFileView, current: readonly ConnectionView[], regionName: (code: string) => string): { included: string[]; leftOut: string[] } {
  const included = file.connections.map((c) => `${KIND_NAMES[c.kind]} (“${c.label}”): ${modeWords(c.mode, c.intervalMinutes)}, ${fieldCount(c.mapping)}`);
  if (file.region) included.push(`Default phone region: ${regionName(file.region)}`);
  const inFile = new Set(file.connections.map((c) => c.kind));
  const leftOut = current.filter((c) => !inFile.has(c.kind)).map((c) => (c.sandbox
    ? `${c.label}: a sandbox runs on this computer only, so it is not shared`
    : `${c.label}: not in the file`));
  leftOut.push('Tokens, hook URLs, secrets and passwords: never in a configuration file');
  return { included, leftOut };
}

/** One sentence per connection in the file: what importing would change here, or why it would not. */
export function describeImport(file: ConfigFileView, current: readonly ConnectionView[], currentRegion: string | null, regionName: (code: string) => string): string[] {
  const lines = file.connections.map((f) => {
    const crm = KIND_NAMES[f.kind];
    const here = current.find((c) => c.kind === f.kind);
    if (!here) return `${crm}: not connected here yet. Connect ${crm} on the Integrations screen first; this part of the file then applies when you import it again.`;
    if (here.sandbox) return `${here.label}: a sandbox on this computer, so the file (made for the real ${crm}) is not applied to it. Connect the real ${crm} to take these settings.`;
    const changes: string[] = [];
    if (here.mode !== f.mode || (f.mode === 'scheduled' && here.intervalMinutes !== f.intervalMinutes)) {
      changes.push(`sync mode ${modeWords(here.mode, here.intervalMinutes)} → ${modeWords(f.mode, f.intervalMinutes)}${f.mode === 'automatic' ? ' (everything waiting is sent at once)' : ''}`);
    }
    changes.push(`${fieldCount(f.mapping)} from the file`);
    return `${here.label}: ${changes.join('; ')}. Its sign-in and address stay as they are.`;
  });
  if (file.region && file.region !== currentRegion) lines.push(`Default phone region: ${currentRegion ? regionName(currentRegion) : 'none'} → ${regionName(file.region)}.`);
  return lines;
}
