import { defineConfig } from 'vitest/config';

// .ci/run sets VITEST_JSON_OUTPUT to count results from the JSON reporter.
const jsonOut = process.env['VITEST_JSON_OUTPUT'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: jsonOut ? ['default', ['json', { outputFile: jsonOut }]] : ['default'],
  },
});
