// `npm run bench:store`: import and search speed of the contact store. Prints numbers; asserts nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/store/db';
import { searchContacts, searchContactsPage } from '../../main/store/contacts';
import { writeContactsCsv } from './generate';
import { percentile, printTable } from './report';

const COUNT = Number(process.env.BENCH_CONTACTS ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-store-'));
const csv = path.join(dir, 'contacts.csv');
writeContactsCsv(csv, COUNT);
const dataDir = path.join(dir, 'data');

const child = path.join(import.meta.dirname, 'store-import-child.ts');
interface ImportRun { ms: number; cpuMs: number; peakRssMb: number; added: number; updated: number; unchanged: number; rejected: number }
const runImport = (...extra: string[]): ImportRun => JSON.parse(execFileSync(process.execPath,
  ['--import', 'tsx', child, csv, extra.includes('--preview') ? path.join(dir, 'preview-data') : dataDir, ...extra],
  { encoding: 'utf8', maxBuffer: 1 << 20 })) as ImportRun;
// The preview a rep sees before importing the file (into an empty card: all would be added); it writes nothing.
const previewed = runImport('--preview');
const imported = runImport();
// The same file again: every row matches a contact and nothing changes.
const reimported = runImport('--again');

const db = openDatabase(dataDir);
const cardId = (db.prepare('SELECT id FROM cards LIMIT 1').get() as { id: number }).id;
const queries = ['ava', 'nguyen', 'globex', 'pilot', 'müller', 'lisbon', 'renewal', 'sofia garcia', 'head of sales', 'o’brien', 'northwind', 'zo', 'fabrikam demo', 'vip', 'chen', 'x'];
for (const q of queries) searchContacts(db, cardId, q, 50); // warm the page cache
const times: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const q of queries) {
    const t = performance.now();
    searchContacts(db, cardId, q, 50);
    times.push(performance.now() - t);
  }
}
// What the app's Contacts screen asks: one page and the true total (every match reachable).
const paged: number[] = [];
for (let round = 0; round < 10; round++) {
  for (const q of queries) {
    const t = performance.now();
    searchContactsPage(db, cardId, q, { limit: 200, offset: 0 });
    paged.push(performance.now() - t);
  }
}
db.close();
fs.rmSync(dir, { recursive: true, force: true });

printTable(`Contact store, ${COUNT.toLocaleString('en-US')} contacts`, [
  ['import from CSV', `${(imported.ms / 1000).toFixed(2)} s`, '≤ 3 s', imported.ms / 3000],
  ['import CPU time', `${(imported.cpuMs / 1000).toFixed(2)} s`, '', null],
  ['import peak RSS', `${imported.peakRssMb.toFixed(0)} MB`, '≤ 300 MB', imported.peakRssMb / 300],
  ['imported / rejected', `${imported.added} / ${imported.rejected}`, '', null],
  ['preview (nothing written)', `${(previewed.ms / 1000).toFixed(2)} s`, '≤ 1 s', previewed.ms / 1000],
  ['preview CPU time', `${(previewed.cpuMs / 1000).toFixed(2)} s`, '', null],
  ['preview peak RSS', `${previewed.peakRssMb.toFixed(0)} MB`, '', null],
  ['preview: would add', `${previewed.added}`, '', null],
  ['re-import, all unchanged', `${(reimported.ms / 1000).toFixed(2)} s`, '≤ 3 s', reimported.ms / 3000],
  ['re-import CPU time', `${(reimported.cpuMs / 1000).toFixed(2)} s`, '', null],
  ['re-import peak RSS', `${reimported.peakRssMb.toFixed(0)} MB`, '≤ 300 MB', reimported.peakRssMb / 300],
  ['re-imported unchanged / added', `${reimported.unchanged} / ${reimported.added}`, '', null],
  ['FTS search p50', `${percentile(times, 50).toFixed(2)} ms`, '', null],
  ['FTS search p95', `${percentile(times, 95).toFixed(2)} ms`, '≤ 20 ms', percentile(times, 95) / 20],
  ['search page + total p50', `${percentile(paged, 50).toFixed(2)} ms`, '', null],
  ['search page + total p95', `${percentile(paged, 95).toFixed(2)} ms`, '≤ 50 ms', percentile(paged, 95) / 50],
]);
