import { defineConfig } from 'vitest/config';

/** `npm run check:export` (scripts/check-export.mjs runs it): the exported Python, run. Not part of `npm test`. */
export default defineConfig({
  test: {
    include: ['src/**/*.check.ts'],
    environment: 'node',
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
