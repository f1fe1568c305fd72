// `npm run bench:cli`: how fast the `ferry` command starts, as a user runs it
// (node bin/ferry.js), on a data folder of 100 contacts. Medians of 5 runs,
// beside `node -e 0` (the floor). Prints numbers; asserts nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, printTable } from './report';

const FERRY = path.resolve(import.meta.dirname, '../../bin/ferry.js');
const RUNS = 5;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-cli-'));

function medianMs(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, ...env } });
    times.push(performance.now() - t0);
  }
  return percentile(times, 50);
}

try {
  execFileSync(process.execPath, [FERRY, '--data-dir', dir, 'demo', 'seed', '--count', '100'], { stdio: 'ignore' });
  const floor = medianMs(['-e', '0']);
  const status = medianMs([FERRY, '--data-dir', dir, 'status']);
  let n = 0;
  const add = medianMs([FERRY, '--data-dir', dir, 'contacts', 'add', '--first', 'Bench', '--last', `Run${n++}`, '--email', `bench${Date.now()}@example.com`]);
  const help = medianMs([FERRY, '--help']);
  printTable(`ferry start-up, median of ${RUNS} runs (100 contacts)`, [
    ['node -e 0', `${(floor / 1000).toFixed(3)} s`, '', null],
    ['ferry --help', `${(help / 1000).toFixed(3)} s`, '', null],
    ['ferry status', `${(status / 1000).toFixed(3)} s`, '≤ 0.30 s', status / 300],
    ['ferry contacts add', `${(add / 1000).toFixed(3)} s`, '≤ 0.35 s', add / 350],
  ]);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
