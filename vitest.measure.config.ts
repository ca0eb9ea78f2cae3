import { defineConfig } from 'vitest/config';

/** Long measured runs (not part of `npm test`): `npm run bench:gan`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.measure.ts'],
    environment: 'node',
    testTimeout: 60 * 60_000,
    pool: 'forks',
  },
});
