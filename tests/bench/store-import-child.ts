// Imports (or, with --preview, previews) one CSV into a data folder and prints
// {ms, cpuMs, peakRssMb, ...} as JSON: run as its own process so the peak
// memory is the import's alone. CPU time is printed too because wall time on a
// shared machine says more about the neighbours.
// With --again it works on the folder's existing card (a re-import), else on a new one.
import { importContactsFile, previewContactsFile } from '../../main/import/index';
import { openDatabase } from '../../main/store/db';
import { createCard } from '../../main/store/cards';

const [file, dataDir, ...flags] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: store-import-child FILE DATA_DIR [--again] [--preview]');
const db = openDatabase(dataDir);
const cardId = flags.includes('--again')
  ? (db.prepare('SELECT id FROM cards ORDER BY id LIMIT 1').get() as { id: number }).id
  : createCard(db, 'Bench').id;
const run = flags.includes('--preview') ? previewContactsFile : importContactsFile;
const start = performance.now();
const cpuStart = process.cpuUsage();
const report = run(db, cardId, file, { region: 'US' });
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
db.close();
process.stdout.write(JSON.stringify({
  ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024,
  added: report.added, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected.length,
}));
