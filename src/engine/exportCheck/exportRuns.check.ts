/**
 * `npm run check:export` (not in CI, not in npm test): runs the PyTorch export and the notebook of a few presets for
 * a few steps on a small local MNIST slice (IDX files for the script, the playground's own format for the notebook)
 * and asserts that every layer's output shape in PyTorch equals the app's shape inference, that the parameter counts
 * match, and that the loss falls (a GAN: the discriminator's). The Keras export of each is compiled (py_compile):
 * TensorFlow is not packaged by Debian. scripts/check-export.mjs finds or installs Python with torch first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShape } from '../graph/convArithmetic';
import { DEFAULT_PRESET_ID, presetById, type Preset } from '../graph/presets';
import { inferShapes } from '../graph/shapes';
import type { Graph } from '../graph/types';
import { codeExport, type CodeExportKind } from '../export/codeExports';
import type { ExportWork } from '../export/exportWork';
import { presetWork, transferPhaseTwo } from '../export/testWork';
import { torchModel } from '../export/torchModel';
import { writeMnistSlice } from './mnistSlice';
import { parseRun, runPython, type RunReport } from './runPython';

const PYTHON = process.env['PLAYGROUND_PYTHON'] ?? 'python3';
const STEPS = 30;
const preset = (id: string): Preset => {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};

const CASES: readonly { readonly label: string; readonly work: ExportWork }[] = [
  { label: 'default preset (small CNN)', work: presetWork(preset(DEFAULT_PRESET_ID)) },
  { label: "stride-2 convs, TF 'same' padding", work: presetWork(preset('stride2')) },
  { label: 'transfer phase 2: convs frozen, labels 5–9', work: transferPhaseTwo(preset('keras-transfer')) },
  { label: 'DCGAN', work: presetWork(preset('dcgan')) },
  { label: 'denoising autoencoder', work: presetWork(preset('denoising-autoencoder')) },
  {
    label: 'L-BFGS (small CNN, batches of 256)',
    work: presetWork(preset(DEFAULT_PRESET_ID), {
      hyper: { ...preset(DEFAULT_PRESET_ID).hyper, optimizer: 'lbfgs', secondOrderBatch: 256 },
    }),
  },
];

let dir = '';
let data = { idx: '', app: '' };
const rows: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'check-export-'));
  data = writeMnistSlice(dir, 1024, 256);
});
afterAll(() => {
  console.log(
    ['', 'npm run check:export — loss on a fixed training batch before → after', ...rows, ''].join('\n'),
  );
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sumParams = (g: Graph): number =>
  [...inferShapes(g).values()].reduce((a, i) => a + i.trainableParams, 0);
const unfrozen = (g: Graph): Graph => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, frozen: false })) });

function expectShapes(report: RunReport, graph: Graph, className: string): number {
  const info = inferShapes(graph);
  const layers = torchModel(graph, className).layers;
  expect(layers.length).toBeGreaterThan(0);
  for (const l of layers) {
    const app = formatShape(info.get(l.id)!.output!);
    expect(report.shapes.get(`${className}.${l.attr}`), `${className}.${l.attr}`).toEqual({
      torch: app,
      app,
    });
  }
  expect(report.shapesOk).toContain(className);
  return layers.length;
}

describe.each(CASES)('$label', ({ label, work }) => {
  it.each<CodeExportKind>(['pytorch', 'notebook'])('%s trains and matches the app', (kind) => {
    const file = codeExport(kind, work);
    const path = join(dir, `${label.replace(/\W+/g, '_')}_${file.name}`);
    writeFileSync(path, file.text);
    const folder = kind === 'pytorch' ? data.idx : data.app;
    const run = runPython(
      PYTHON,
      path,
      { PLAYGROUND_DATA: folder, PLAYGROUND_EPOCHS: '1000', PLAYGROUND_MAX_STEPS: String(STEPS) },
      600_000,
    );
    expect(run.status, `${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`).toBe(0);
    const report = parseRun(run.stdout);
    let checked = 0;
    let result: string;
    if (work.gan) {
      checked += expectShapes(report, work.gan.generator, 'Generator');
      checked += expectShapes(report, work.gan.discriminator, 'Discriminator');
      const g = report.gan!;
      expect(g, 'the GAN prints its losses before and after').not.toBeNull();
      expect(g.iterations).toBe(STEPS);
      expect(g.dAfter, 'the discriminator loss falls').toBeLessThan(g.dBefore);
      result = `D ${g.dBefore.toFixed(4)} → ${g.dAfter.toFixed(4)}, G ${g.gBefore.toFixed(4)} → ${g.gAfter.toFixed(4)} in ${g.iterations} iterations`;
    } else {
      const className = work.graph.role === 'autoencoder' ? 'Autoencoder' : 'Classifier';
      checked += expectShapes(report, work.graph, className);
      expect(report.params).toEqual({
        total: sumParams(unfrozen(work.graph)),
        trainable: sumParams(work.graph),
      });
      const l = report.loss!;
      expect(l, 'it prints the loss before and after').not.toBeNull();
      expect(l.steps).toBe(STEPS);
      expect(l.after, 'the loss falls').toBeLessThan(l.before);
      result = `${l.before.toFixed(4)} → ${l.after.toFixed(4)} in ${l.steps} steps`;
    }
    rows.push(
      `${label.padEnd(44)} ${kind.padEnd(9)} ${result}; ${checked} layer shapes equal; ${report.test ?? ''} (${run.seconds.toFixed(1)} s)`,
    );
  });

  it('keras compiles (py_compile)', () => {
    const path = join(dir, `${label.replace(/\W+/g, '_')}_model.py`);
    writeFileSync(path, codeExport('keras', work).text);
    const r = spawnSync(PYTHON, ['-m', 'py_compile', path], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
