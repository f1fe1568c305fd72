import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the real `ferry` executable runs from its bundle: built once, before any test spawns it
    globalSetup: ['tests/support/build-cli-once.ts'],
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
