import { defineConfig } from 'vitest/config';

// Playwright's e2e/*.spec.ts are not Vitest tests: include only the unit-test folders.
export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'components/**/*.test.ts', 'site/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
