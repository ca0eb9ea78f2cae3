import { afterEach, describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, type Saved } from '../store/index';
import { createFrameBus } from '../frames/frameBus';
import { asRunId, type FromWorker } from '../../workers/protocol';
import { asNodeId } from '../../engine/graph/types';
import { presetById } from '../../engine/graph/presets';
import { SNAPSHOT_MAX_FILTERS, SNAPSHOT_MAX_SAMPLES } from '../../engine/runs/record';
import type { KernelSet, ProbeRequest, ProbeResult } from '../../engine/train/probes/types';
import {
  createTrainingController,
  type ControllerClient,
  type TrainingController,
} from './trainingController';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

const kernelSet = (network: KernelSet['network'], filters: number, fill: number): KernelSet => ({
  node: asNodeId(network === 'generator' ? 'conv2d_transpose_1' : 'conv2d_1'),
  kh: 2,
  kw: 2,
  inChannels: 1,
  filters,
  values: new Float32Array(4 * filters).fill(fill),
  ...(network ? { network } : {}),
});

/** A worker client whose probes answer from `answer` (each call gets the next answer of its kind). */
function fakeClient(answer: (req: ProbeRequest, nth: number) => ProbeResult) {
  const listeners = new Set<(m: FromWorker) => void>();
  const probes: ProbeRequest[] = [];
  const client: ControllerClient = {
    init: () => asRunId('run1'),
    start: () => undefined,
    pause: () => undefined,
    step: () => undefined,
    setHyper: () => undefined,
    freeze: () => undefined,
    probe: (req) => {
      probes.push(req);
      try {
        return Promise.resolve(answer(req, probes.filter((p) => p.kind === req.kind).length));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    preview: () => Promise.reject(new Error('not used here')),
    exportModel: () => Promise.resolve({ modelJson: '{}', weights: new ArrayBuffer(4) }),
    reset: () => undefined,
    dispose: () => undefined,
    on: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (m: FromWorker) => listeners.forEach((l) => l(m));
  return { client, probes, emit };
}

const GRID = 64;
const ganAnswer = (req: ProbeRequest, nth: number): ProbeResult => {
  switch (req.kind) {
    case 'ganSamples':
      return {
        kind: 'ganSamples',
        step: 12,
        count: GRID,
        h: 28,
        w: 28,
        channels: 1,
        pixels: Uint8Array.from({ length: GRID * 784 }, (_, i) => i % 251),
        interpolation: null,
        interpolationSteps: 0,
        diversity: 1,
      };
    case 'kernels':
      // The first answer is a Kernels panel's request for gradients; ours comes second.
      return {
        kind: 'kernels',
        gradients: nth === 1,
        step: 12,
        layers: [kernelSet('discriminator', 64, nth), kernelSet('generator', 8, 9)],
      };
    default:
      throw new Error(`unexpected probe ${req.kind}`);
  }
};

let ctl: TrainingController | null = null;
afterEach(() => ctl?.dispose());

function setup(gan: boolean, answer: (req: ProbeRequest, nth: number) => ProbeResult) {
  const store = createAppStore(noStorage);
  if (gan) {
    const pair = presetById('dcgan')!.gan!;
    store.getState().setGanGraphs({ generator: pair.generator, discriminator: pair.discriminator });
  }
  const fake = fakeClient(answer);
  ctl = createTrainingController({
    store,
    client: fake.client,
    bus: createFrameBus(),
    probeNeeds: () => [],
    pollMs: 10_000,
  });
  return { store, ...fake, ctl };
}

const backend = { name: 'wasm', adapter: 'WASM SIMD', reason: 'fastest', measured: [] } as const;

describe('the run picture (snapshot) of a GAN run', () => {
  it("is the generator's fixed-noise samples and the discriminator's first kernels, trimmed", async () => {
    const { ctl, emit, probes } = setup(true, ganAnswer);
    ctl.prepare();
    expect(await ctl.snapshot()).toBeNull(); // still preparing
    emit({ type: 'ready', runId: asRunId('run1'), backend, trainCount: 10, testCount: 10 });
    probes.length = 0;
    const shot = await ctl.snapshot();
    expect(probes.map((p) => p.kind)).not.toContain('snapshot');
    expect(shot).not.toBeNull();
    expect(shot!.step).toBe(12);
    expect(shot!.samples).toMatchObject({ count: SNAPSHOT_MAX_SAMPLES, h: 28, w: 28 });
    expect(Array.from(shot!.samples!.pixels)).toEqual(
      Array.from({ length: SNAPSHOT_MAX_SAMPLES * 784 }, (_, i) => i % 251),
    );
    expect(shot!.input).toBeUndefined();
    expect(shot!.layers).toEqual([]);
    // The weights (the second kernels answer), not the gradients a panel asked for; D's layer, not G's.
    expect(shot!.kernels).toMatchObject({ network: 'discriminator', filters: SNAPSHOT_MAX_FILTERS });
    expect(shot!.kernels!.values.every((v) => v === 2)).toBe(true);
  });

  it('has samples but no kernels when the kernels probe fails', async () => {
    const { ctl, emit } = setup(true, (req, nth) => {
      if (req.kind === 'kernels') throw new Error('probe failed');
      return ganAnswer(req, nth);
    });
    ctl.prepare();
    emit({ type: 'ready', runId: asRunId('run1'), backend, trainCount: 10, testCount: 10 });
    const shot = await ctl.snapshot();
    expect(shot?.kernels).toBeNull();
    expect(shot?.samples?.count).toBe(SNAPSHOT_MAX_SAMPLES);
  });

  it("asks a classifier run's model for the snapshot probe, as before", async () => {
    const { ctl, emit, probes } = setup(false, (req) => {
      if (req.kind !== 'snapshot') throw new Error(`unexpected probe ${req.kind}`);
      return {
        kind: 'snapshot',
        step: 3,
        index: req.index,
        kernels: null,
        input: {
          node: asNodeId('input_1'),
          h: 1,
          w: 1,
          count: 1,
          data: new Uint8Array(1),
          min: new Float32Array(1),
          max: new Float32Array(1),
        },
        layers: [],
      };
    });
    ctl.prepare();
    emit({ type: 'ready', runId: asRunId('run1'), backend, trainCount: 10, testCount: 10 });
    probes.length = 0;
    const shot = await ctl.snapshot();
    expect(probes.map((p) => p.kind)).toEqual(['snapshot']);
    expect(shot?.samples).toBeUndefined();
    expect(shot?.input?.node).toBe('input_1');
  });
});
