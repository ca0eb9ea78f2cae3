import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noTfjs = {
  group: ['@tensorflow/*'],
  message: 'TF.js lives in the worker chunk only (src/engine via src/workers).',
  allowTypeImports: true,
};
const noUi = {
  group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*', '@xyflow/*'],
  message: 'src/engine is pure TypeScript: no React, DOM, zustand or d3.',
};
const engineIsBelow = {
  group: ['**/workers/**', '**/app/**'],
  message:
    'src/engine is the lowest layer: it never imports src/workers or src/app. A value type the engine produces lives in the engine (e.g. engine/train/probes/types.ts); the protocol imports it.',
};
/**
 * Plain-data engine type files (no TF.js) that the app and the visualizers may import. Gitignore rules: a file in a
 * folder below an excluded one is only re-included after its folder is, hence the probes lines.
 */
const engineTypeFiles = [
  '!**/engine/train/probes',
  '**/engine/train/probes/*',
  '!**/engine/train/probes/types',
  '!**/engine/train/metricPoint',
];

const benchImports = {
  group: ['**/app/**', '**/visualizers/**', 'react', 'react-dom', 'zustand', 'zustand/*', 'd3', 'd3-*'],
  message:
    'Bench code (bench/) drives src/engine and src/workers; it never imports the app or the renderers.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'bench/dist',
      'bench/dist-prepare',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'bench/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi, engineIsBelow] }] },
  },
  {
    // The page loads these (registry, graph analysis, code export): TF.js reaches them only as a type, and layer
    // modules get the TF.js namespace handed in by compile.ts at run time.
    files: [
      'src/engine/layers/**/*.ts',
      'src/engine/graph/**/*.ts',
      'src/engine/export/**/*.ts',
      'src/engine/import/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noUi,
            engineIsBelow,
            {
              ...noTfjs,
              message: 'The page imports this folder: TF.js only as a type (compile.ts passes it in).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/visualizers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTfjs,
            {
              group: [
                'react',
                'react-dom',
                'zustand',
                'zustand/*',
                '**/app/**',
                '**/workers/**',
                '**/engine/compile/**',
                '**/engine/train/**',
                ...engineTypeFiles,
              ],
              message: 'Visualizers are framework-free and never see TF.js or the store.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTfjs,
            {
              // hyper.ts, trainer.ts, secondOrderBudget.ts and the engine's type files are plain data/types with no
              // TF.js: the app may use them.
              group: [
                '**/engine/compile/**',
                '**/engine/train/**',
                '!**/engine/train/hyper',
                '!**/engine/train/trainer',
                '!**/engine/train/secondOrderBudget',
                ...engineTypeFiles,
                '**/engine/backend/**',
                '!**/engine/backend/types',
                '**/engine/gan/**',
                '!**/engine/gan/ganHyper',
              ],
              message: 'TF.js-backed engine modules belong to the worker.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/visualizers/**', 'react', 'zustand', 'd3'],
              message: 'Workers import engine only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.{ts,mts}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [benchImports] }] },
  },
  {
    // The harness page's main thread, like the app's, has no TF.js: only its bench worker (and the training worker) do.
    files: ['bench/harness/*.ts'],
    ignores: ['bench/harness/bench.worker.ts', 'bench/harness/bareLoop.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTfjs, benchImports] }] },
  },
);
