/**
 * The adversarial-example probe's timings (issue 15) on the default preset's network with procedural data, TF.js WASM
 * in Node (as a worker without WebGL): the attack at ε = 0.1 by FGSM and by PGD (10 steps), and the two smallest-ε
 * searches, against one training batch. Best of ROUNDS, so a loaded machine hurts all alike.
 * Run: npx vitest run --config vitest.measure.config.ts bench/adversarial.measure.ts
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { it } from 'vitest';
import { createTrainer } from '../src/engine/train/createTrainer';
import { registerWasmConvBackpropFilter } from '../src/engine/backend/conv2dBackpropFilterWasm';
import { DEFAULT_PRESET_ID, presetById } from '../src/engine/graph/presets';
import { makeProceduralDataset } from '../src/engine/data/procedural';
import { attack, smallestFlip, type Classify } from '../src/engine/inspect/adversarial';
import { imagesTensor } from '../src/engine/train/batches';
import { compileGraph } from '../src/engine/compile/compile';

const ROUNDS = Number(process.env['ADV_ROUNDS'] ?? 3);

it('adversarial: ms for FGSM, PGD and the ε searches', async () => {
  const backend = process.env['ADV_BACKEND'] ?? 'wasm';
  if (backend === 'wasm') {
    setWasmPaths(join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
    registerWasmConvBackpropFilter();
  }
  await tf.setBackend(backend);
  const preset = presetById(DEFAULT_PRESET_ID);
  if (!preset) throw new Error('no default preset');
  const data = makeProceduralDataset({ seed: 7, train: 2048, test: 64 });
  const t = createTrainer({ graph: preset.graph, dataset: data, hyper: preset.hyper, seed: 1 });
  await t.trainBatches(30);
  // The searches alone, on an untrained copy of the network (the same work per ε; whether it flips changes the passes).
  const model = compileGraph(preset.graph, { seed: 1 });
  const best: Record<string, number> = {};
  const time = async (name: string, f: () => Promise<unknown>): Promise<void> => {
    const t0 = performance.now();
    await f();
    const ms = performance.now() - t0;
    best[name] = Math.min(best[name] ?? Infinity, ms);
  };
  for (let r = 0; r < ROUNDS; r++) {
    await time('training batch', () => t.trainBatches(1));
    const req = { kind: 'adversarial', sample: { from: 'test', index: r }, epsilon: 0.1 } as const;
    await time('probe FGSM at ε', () => t.probe({ ...req, method: 'fgsm' }));
    await time('probe PGD at ε', () => t.probe({ ...req, method: 'pgd' }));
    await time('probe search (FGSM, then PGD below its ε)', () =>
      t.probe({ kind: 'adversarialSearch', sample: req.sample }),
    );
    const p = await t.probe({ kind: 'adversarialSearch', sample: req.sample });
    if (p.kind === 'adversarialSearch')
      console.log(
        `round ${r}: FGSM flips at`,
        p.fgsmFlip,
        'PGD at',
        p.pgdFlip,
        `(kept: ${p.ms.toFixed(1)} ms)`,
      );
    {
      const classify: Classify = (x) => model.apply(x, { training: false }) as tf.Tensor2D;
      const x = imagesTensor(data.test, data.shape, [r]);
      const data1 = async (y: tf.Tensor) => {
        await y.data();
        y.dispose();
      };
      await time('FGSM at ε', () => data1(attack('fgsm', classify, x, 0, [0.1])));
      await time('PGD at ε (10 steps)', () => data1(attack('pgd', classify, x, 0, [0.1])));
      await time('search FGSM', () => smallestFlip('fgsm', classify, x, 0, 1));
      await time('search PGD', () => smallestFlip('pgd', classify, x, 0, 1));
      x.dispose();
    }
  }
  t.dispose();
  model.dispose();
  console.log(`${backend}, batch ${preset.hyper.batchSize}:`);
  for (const [k, v] of Object.entries(best)) console.log(`  ${k}: ${v.toFixed(1)} ms`);
});
