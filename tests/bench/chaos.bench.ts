// `npm run bench:chaos`: 200 SIGKILLs of `ferry sync` (a real child process) per CRM,
// each at a random CRM request and phase while contacts keep changing, then one clean
// sync; prints duplicates, losses, stale records and where the kills landed. Kills are
// keyed to the proxy's request count, never to time. FERRY_CHAOS_TRIALS and
// FERRY_CHAOS_SEED override the defaults. Prints numbers; asserts nothing.
import { runChaos, type ChaosCrm } from '../support/chaos';
import { printTable } from './report';

const trials = Number(process.env.FERRY_CHAOS_TRIALS ?? 200);
const seed = Number(process.env.FERRY_CHAOS_SEED ?? 20261130);

for (const crm of ['hubspot', 'salesforce'] as ChaosCrm[]) {
  const t0 = performance.now();
  const r = await runChaos({ crm, trials, seed });
  const mid = r.killsMidPush.before + r.killsMidPush.answered + r.killsMidPush.delivered;
  printTable(`${crm}: ${trials} kills of 'ferry sync' (seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(0)} s)`, [
    ['duplicate CRM records', String(r.duplicates), '0', null],
    ['contacts missing in the CRM', String(r.missing), '0', null],
    ['records not up to date after a clean sync', String(r.stale), '0', null],
    ['duplicate notes on a timeline', String(r.duplicateNotes), '0', null],
    ['kills mid-push (before / answered / delivered)', `${mid} (${r.killsMidPush.before}/${r.killsMidPush.answered}/${r.killsMidPush.delivered})`, '', null],
    ['syncs that finished before their kill point', String(r.finished), '', null],
    ['CRM requests', String(r.requests), '', null],
  ]);
  if (r.unexpected) console.log(`  unexpected: ${r.unexpected}`);
}
