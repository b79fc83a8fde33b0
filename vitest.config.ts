import { defineConfig } from 'vitest/config';

// Integration tests start real servers on real databases; creating a PGlite database takes seconds
// on this machine, so the global setup makes one template per run and tests copy it.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
