// Vitest's global setup: builds the `ferry` bundle once before any test runs
// the real executable, so parallel test files never rebuild it at the same time.
import { buildCli } from '../../bin/build-cli.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
