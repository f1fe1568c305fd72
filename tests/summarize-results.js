// Prints one closing line for the whole `npm test` run from the runners' JSON reports:
// "Summary: N passed, N failed, N skipped". A missing report counts as a failure.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;

function countPlaywright(suite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status === 'skipped') skipped++;
      else if (test.status === 'expected' || test.status === 'flaky') passed++;
      else failed++;
    }
  }
  for (const child of suite.suites ?? []) countPlaywright(child);
}

for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`No test report at ${file}: that runner did not finish.`);
    missing++;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.success === false && report.numFailedTests === 0) failed += report.numFailedTestSuites || 1;
  } else {
    for (const suite of report.suites ?? []) countPlaywright(suite);
    failed += (report.errors ?? []).length;
  }
}
console.log('');
console.log(`Summary: ${passed} passed, ${failed + missing} failed, ${skipped} skipped`);
process.exit(failed + missing > 0 ? 1 : 0);
