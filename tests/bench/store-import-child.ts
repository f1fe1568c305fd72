// Imports one CSV into a fresh data folder and prints {ms, cpuMs, peakRssMb} as JSON:
// run as its own process so the peak memory is the import's alone. CPU time is
// printed too because wall time on a shared machine says more about the neighbours.
import { importContactsFile } from '../../main/import/index';
import { openDatabase } from '../../main/store/db';
import { createCard } from '../../main/store/cards';

const [file, dataDir] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: store-import-child FILE DATA_DIR');
const db = openDatabase(dataDir);
const cardId = createCard(db, 'Bench').id;
const start = performance.now();
const cpuStart = process.cpuUsage();
const report = await importContactsFile(db, cardId, file, { skipInvalid: false, region: 'US' });
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
db.close();
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, added: report.added, rejected: report.rejected.length }));
