import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the real `ferry` executable runs from its bundle: built once, before any test spawns it
    globalSetup: ['tests/support/build-cli-once.ts'],
    // Two files at a time even on CI's two cores (vitest's default there is one): the longest
    // files are kill tests that mostly wait on the `ferry` processes they spawn, and every
    // test is keyed to progress, never to the clock, so sharing the cores changes no outcome.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
