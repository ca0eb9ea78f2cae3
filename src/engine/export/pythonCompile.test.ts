/**
 * Every preset's Keras script, PyTorch script and notebook code compile as Python (`python3 -m py_compile`): a
 * syntax error anywhere in what the exports write fails here, in CI, without TensorFlow or PyTorch installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../graph/presets';
import { codeExport } from './codeExports';
import { presetWork, transferPhaseTwo } from './testWork';
import type { ExportWork } from './exportWork';

const PYTHON = process.env['PLAYGROUND_PYTHON'] ?? 'python3';
const dir = mkdtempSync(join(tmpdir(), 'py-compile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const transfer = PRESETS.find((p) => p.id === 'keras-transfer')!;
const WORKS: readonly (readonly [string, ExportWork])[] = [
  ...PRESETS.map((p) => [p.id, presetWork(p)] as const),
  ['transfer-phase-2', transferPhaseTwo(transfer)],
  ['lbfgs', presetWork(transfer, { hyper: { ...transfer.hyper, optimizer: 'lbfgs' } })],
  [
    'every-setting',
    presetWork(transfer, {
      hyper: { ...transfer.hyper, optimizer: 'momentum', decay: 0.01, clipNorm: 1, maxSteps: 50 },
      dataset: { name: 'My shapes', standard: null, substitute: false, shape: [32, 32, 3], classes: 4 },
    }),
  ],
];

/** The notebook's code cells, one after another, as one Python file. */
function notebookCode(json: string): string {
  const nb = JSON.parse(json) as { cells: { cell_type: string; source: string[] }[] };
  return nb.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => c.source.join(''))
    .join('\n\n');
}

function compile(files: readonly string[]): { status: number | null; stderr: string } {
  const r = spawnSync(PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
  if (r.error)
    throw new Error(`${PYTHON} is needed for this test (apt-get install python3): ${r.error.message}`);
  return { status: r.status, stderr: r.stderr };
}

const KINDS = ['keras', 'pytorch', 'notebook'] as const;
const pathOf = (id: string, kind: string): string => join(dir, `${id}-${kind}.py`);

/** Compiles every file in one run (py_compile goes on after a failure and names each failing file). */
let result: { status: number | null; stderr: string } = { status: null, stderr: '' };
beforeAll(() => {
  const files = WORKS.flatMap(([id, work]) =>
    KINDS.map((kind) => {
      const f = codeExport(kind, work);
      writeFileSync(pathOf(id, kind), kind === 'notebook' ? notebookCode(f.text) : f.text);
      return pathOf(id, kind);
    }),
  );
  result = compile(files);
});

describe('the exports compile as Python', () => {
  it.each(WORKS.map(([id]) => id))('%s: Keras, PyTorch and the notebook', (id) => {
    for (const kind of KINDS) expect(result.stderr, `${id} ${kind}`).not.toContain(pathOf(id, kind));
  });

  it('all of them (py_compile exit status 0)', () => {
    expect(result.status, result.stderr).toBe(0);
  });

  it('would catch a syntax error', () => {
    const path = join(dir, 'broken.py');
    writeFileSync(path, `${codeExport('pytorch', presetWork(PRESETS[0]!)).text}\nprint(f'{1 +}')\n`);
    const r = compile([pathOf(WORKS[0]![0], 'keras'), path]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(path);
    expect(r.stderr).not.toContain(pathOf(WORKS[0]![0], 'keras'));
  });
});
