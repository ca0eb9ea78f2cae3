import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendEnv } from '../engine/backend/select';
import { DEFAULT_GAN_HYPER } from '../engine/gan/ganHyper';
import { presetById } from '../engine/graph/presets';
import type { Graph } from '../engine/graph/types';
import { handleMessage } from './handleMessage';
import { asRunId } from './protocol';
import type { ToWorker } from './protocol';
import { whenIdle } from './runLoop';
import {
  DEFAULT_MEMORY_BUDGET,
  MAX_MEMORY_BUDGET,
  memoryBudget,
  networkLoads,
  tensorLimit,
  tensorTooLargeMessage,
  tooLargeMessage,
} from './sizeCheck';
import { HYPER, initMsg, ofType, recorder, testDeps, tinyCnn } from './testing';
import { modelSize } from './engineDeps';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dcgan = presetById('dcgan')?.gan;
if (!dcgan) throw new Error('the dcgan preset is missing');

/** The DCGAN discriminator with its first conv widened to `filters` at stride 1 (28×28×filters per example). */
function wideDiscriminator(filters: number): Graph {
  let widened = false;
  return {
    ...dcgan!.discriminator,
    nodes: dcgan!.discriminator.nodes.map((n) => {
      if (n.layer.kind !== 'conv2d' || widened) return n;
      widened = true;
      return { ...n, layer: { ...n.layer, filters, stride: [1, 1] as const, padding: 'same' as const } };
    }),
  };
}

function ganInit(id: string, discriminator: Graph, batchSize = 64): ToWorker {
  const base = initMsg(id, dcgan!.generator, { ...HYPER, batchSize });
  return {
    ...(base as Extract<ToWorker, { type: 'init' }>),
    gan: {
      generator: dcgan!.generator,
      discriminator,
      hyper: DEFAULT_GAN_HYPER, // its batchSize (64) is not the one the trainer uses
    },
  };
}

describe('the memory budget comes from the device', () => {
  it('is 1 GiB when the device says nothing, a quarter of its memory when it does, never past the WASM heap', () => {
    expect(memoryBudget({}).bytes).toBe(DEFAULT_MEMORY_BUDGET);
    expect(memoryBudget({ deviceMemoryGiB: 2 })).toEqual({
      bytes: 2 ** 29,
      basis: "a quarter of this device's 2 GB of memory",
    });
    expect(memoryBudget({ deviceMemoryGiB: 8 }).bytes).toBe(MAX_MEMORY_BUDGET);
    expect(memoryBudget({ deviceMemoryGiB: 0.25 }).bytes).toBe(2 ** 28);
    expect(memoryBudget({ deviceMemoryGiB: 8, jsHeapLimitBytes: 2 ** 31 }).bytes).toBe(2 ** 30);
    expect(memoryBudget({ deviceMemoryGiB: Number.NaN }).bytes).toBe(DEFAULT_MEMORY_BUDGET);
  });

  it('gives GPU backends a largest-tensor limit from the adapter or the texture size', () => {
    expect(tensorLimit('webgpu', { webgpuMaxBufferBytes: 2 ** 27 })?.bytes).toBe(2 ** 27);
    expect(tensorLimit('webgl', { webglMaxTextureSize: 4096 })?.bytes).toBe(4096 * 4096 * 4);
    expect(tensorLimit('wasm', { webgpuMaxBufferBytes: 1 })).toBeNull();
    expect(tensorLimit('webgpu', {})).toBeNull();
  });

  it('counts both networks of a GAN, the discriminator with real and fake batches', () => {
    const loads = networkLoads(modelSize, {
      graph: dcgan!.generator,
      batchSize: 32,
      gan: { generator: dcgan!.generator, discriminator: wideDiscriminator(4096), batchSize: 64 },
    });
    expect(loads?.map((l) => [l.name, l.examples])).toEqual([
      ['generator', 64],
      ['discriminator', 128],
    ]);
    const msg = tooLargeMessage(loads!, memoryBudget({ deviceMemoryGiB: 8 }));
    expect(msg).toMatch(
      /^The generator and discriminator together need about [\d,]+ MB to train .* 64 through the generator, 128 through the discriminator\); the limit here is 2,048 MB, the most a WASM heap gets/,
    );
    // The generator alone (what the worker checked before) fits.
    expect(tooLargeMessage(loads!.slice(0, 1), memoryBudget({}))).toBeNull();
    const tensor = tensorTooLargeMessage(loads!, 'webgpu', { webgpuMaxBufferBytes: 2 ** 27 });
    expect(tensor).toMatch(
      /largest tensor needs [\d,]+ MB on WebGPU, more than the largest buffer .* \(128 MB\)/,
    );
  });
});

describe('the worker refuses what does not fit before allocating', () => {
  it('refuses a GAN whose discriminator is too large (the generator alone fits) without loading data', async () => {
    const baseline = tf.memory().numTensors;
    const state = createWorkerState();
    const { posted, post } = recorder();
    let created = 0;
    let loaded = false;
    const base = testDeps({ deviceLimits: () => Promise.resolve({ deviceMemoryGiB: 8 }) });
    const deps = {
      ...base,
      loadDataset: () => {
        loaded = true;
        return Promise.reject(new Error('should not load'));
      },
      createTrainer: (o: Parameters<typeof base.createTrainer>[0]) => {
        created++;
        return base.createTrainer(o);
      },
    };
    await handleMessage(state, ganInit('bigD', wideDiscriminator(4096)), post, deps);
    const err = ofType(posted, 'error')[0];
    expect(err).toMatchObject({ code: 'tooLarge', runId: 'bigD' });
    expect(err?.message).toMatch(/generator and discriminator together need about [\d,]+ MB/);
    expect(loaded).toBe(false);
    expect(created).toBe(0);
    expect(state.run).toBeNull();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('does not time a backend whose largest buffer is too small, and trains on one that can hold it', async () => {
    const env: BackendEnv = {
      deviceKey: 'fake-gpu',
      probe: () =>
        Promise.resolve([
          { name: 'webgpu', available: true, adapter: 'Fake GPU' },
          { name: 'cpu', available: true, adapter: 'CPU (Node)' },
        ]),
      activate: async () => tf.setBackend('cpu'),
    };
    const limits = { webgpuMaxBufferBytes: 1024 };
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps({ env, deviceLimits: () => Promise.resolve(limits) });
    const r = asRunId('gpuLimit');
    await handleMessage(state, initMsg(r), post, deps);
    const ready = ofType(posted, 'ready')[0];
    expect(ready?.backend.name).toBe('cpu');
    expect(ready?.backend.measured.find((m) => m.backend === 'webgpu')?.note).toMatch(
      /^failed: Its largest tensor needs/,
    );
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);

    // Forced onto that backend, the run is refused with the reason and the way out.
    const forced = recorder();
    const msg = { ...(initMsg('forced') as Extract<ToWorker, { type: 'init' }>), backend: 'webgpu' as const };
    await handleMessage(createWorkerState(), msg, forced.post, deps);
    expect(ofType(forced.posted, 'error')[0]?.message).toMatch(/on WebGPU, .* Or choose another backend\.$/);
  });

  it("checks a GAN at the Batch size its trainer uses (the run's, for both networks)", async () => {
    const { posted, post } = recorder();
    const deps = testDeps(); // the device says nothing: 1 GiB
    const msg = ganInit('bigBatch', dcgan!.discriminator);
    const init = msg as Extract<ToWorker, { type: 'init' }>;
    await handleMessage(
      createWorkerState(),
      { ...init, hyper: { ...init.hyper, batchSize: 4096 } },
      post,
      deps,
    );
    const err = ofType(posted, 'error')[0];
    expect(err).toMatchObject({ code: 'tooLarge' });
    expect(err?.message).toMatch(/4096 through the generator, 8192 through the discriminator/);
  });

  it('refuses a batch size mid-run that no longer fits: paused at the old one, the rest of the change applied', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    // The tiny CNN at batch 16 needs well under 4 MB; at 20,000 it needs far more.
    const deps = testDeps({ memoryBudgetBytes: 4 * 2 ** 20 });
    const r = asRunId('batch');
    await handleMessage(state, initMsg(r, tinyCnn(), HYPER), post, deps);
    expect(ofType(posted, 'ready')).toHaveLength(1);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await handleMessage(
      state,
      { type: 'setHyper', runId: r, patch: { batchSize: 20_000, learningRate: 0.005 } },
      post,
      deps,
    );
    expect(ofType(posted, 'error')[0]).toMatchObject({ code: 'batchTooLarge' });
    expect(ofType(posted, 'error')[0]?.message).toMatch(
      /^Batch size 20000 does not fit, so the run goes on at 16 \(paused\): This model needs/,
    );
    expect(state.run?.trainer.hyper.batchSize).toBe(HYPER.batchSize);
    expect(state.run?.trainer.hyper.learningRate).toBe(0.005);
    await whenIdle(state.run!);
    expect(state.run?.running).toBe(false);
    // Train goes on at the old batch size.
    await handleMessage(state, { type: 'step', runId: r, batches: 2 }, post, deps);
    await whenIdle(state.run!);
    expect(state.run?.trainer.step).toBeGreaterThan(0);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });
});
