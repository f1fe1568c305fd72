// `npm run bench:scrub`: how long scrubSecrets takes on 100,000-character texts,
// ordinary and adversarial (runs that made the old rules rescan the rest of the
// text at every position: 11 s for one of them). Prints numbers; asserts nothing.
import { scrubSecrets } from '../../main/ipc/scrub';

const SIZE = 100_000;
const cases: Record<string, string> = {
  'ordinary prose': 'The quick brown fox, 42 jumps over the lazy dog. '.repeat(3_000),
  '"a." repeated': 'a.',
  '"eyJ-" repeated': 'eyJ-',
  '"x://" repeated': 'x://',
  '"a:" repeated': 'a:',
  '"Bearer " repeated': 'Bearer ',
  'one opaque run': 'Ab12',
};
for (const [name, unit] of Object.entries(cases)) {
  const text = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  scrubSecrets(text); // warm up
  const runs = 5;
  const started = performance.now();
  for (let i = 0; i < runs; i++) scrubSecrets(text);
  process.stdout.write(`scrubSecrets, ${name.padEnd(20)} ${SIZE.toLocaleString('en')} chars: ${((performance.now() - started) / runs).toFixed(1)} ms\n`);
}
