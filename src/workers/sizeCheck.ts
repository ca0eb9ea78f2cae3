/**
 * Refuses models too large for the device before anything is allocated. Every network a run trains counts: the
 * classifier or autoencoder alone, or a GAN's generator and discriminator together. The budget comes from what the
 * browser says about the device (navigator.deviceMemory, performance.memory, the WebGPU adapter's buffer limits,
 * WebGL's largest texture); a GPU backend also has a largest single buffer, which one tensor must fit.
 */
import type { Graph } from '../engine/graph/types';
import type { BackendName } from '../engine/backend/types';
import { BACKEND_LABEL } from '../engine/backend/types';

/** What a model costs, from shape inference (engineDeps.modelSize). */
export interface ModelSize {
  readonly params: number;
  /** Parameters not frozen (the second-order optimizers' budget counts these); absent: all of them. */
  readonly trainableParams?: number;
  /** Bytes of activations for ONE example (all layer outputs, float32). */
  readonly activationBytes: number;
  /** The largest layer's weights, bytes (float32). */
  readonly largestWeightBytes: number;
  /** The largest layer output for ONE example, bytes (float32). */
  readonly largestActivationBytes: number;
}

/** One network's part in a training step: its size and how many examples pass through it per step. */
export interface NetworkLoad {
  readonly name: 'model' | 'generator' | 'discriminator';
  readonly size: ModelSize;
  readonly examples: number;
}

/** What the browser tells about the device; every field is optional (Firefox and Safari tell little). */
export interface DeviceLimits {
  /** navigator.deviceMemory, GiB (Chrome rounds down to a power of two and caps it at 8). */
  readonly deviceMemoryGiB?: number;
  /** performance.memory.jsHeapSizeLimit (Chrome), bytes. */
  readonly jsHeapLimitBytes?: number;
  /** min(maxBufferSize, maxStorageBufferBindingSize) of the WebGPU adapter, bytes. */
  readonly webgpuMaxBufferBytes?: number;
  /** WebGL's MAX_TEXTURE_SIZE (a tensor lives in one texture of at most this many texels a side). */
  readonly webglMaxTextureSize?: number;
}

export interface MemoryBudget {
  readonly bytes: number;
  /** Where the figure comes from, in words ("a quarter of this device's 8 GB"). */
  readonly basis: string;
}

/** 1 GiB: what a browser tab reliably gives a WASM heap or a WebGPU/WebGL context when the device says nothing. */
export const DEFAULT_MEMORY_BUDGET = 2 ** 30;
/** A wasm32 heap cannot grow past 4 GiB and TF.js's WASM build stops at 2 GiB; no device raises the budget past it. */
export const MAX_MEMORY_BUDGET = 2 ** 31;
/** The smallest budget a device's figures can give (a 1 GB phone still trains the small presets). */
const MIN_MEMORY_BUDGET = 2 ** 28;

const GiB = 2 ** 30;
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
const count = (n: number): string => n.toLocaleString('en-US');

/** The training budget on this device: a quarter of its memory (the tab shares it), within the WASM heap's reach. */
export function memoryBudget(limits: DeviceLimits): MemoryBudget {
  let budget: MemoryBudget = {
    bytes: DEFAULT_MEMORY_BUDGET,
    basis: 'what a browser tab reliably gets when the device does not say its memory',
  };
  const dm = limits.deviceMemoryGiB;
  if (dm !== undefined && Number.isFinite(dm) && dm > 0) {
    const quarter = Math.min(Math.max((dm * GiB) / 4, MIN_MEMORY_BUDGET), MAX_MEMORY_BUDGET);
    budget = {
      bytes: quarter,
      basis:
        quarter === MAX_MEMORY_BUDGET
          ? `the most a WASM heap gets (this device reports ${dm} GB of memory)`
          : `a quarter of this device's ${dm} GB of memory`,
    };
  }
  const heap = limits.jsHeapLimitBytes;
  if (heap !== undefined && Number.isFinite(heap) && heap > 0 && heap / 2 < budget.bytes)
    budget = { bytes: heap / 2, basis: `half of this tab's ${mb(heap)} JavaScript heap` };
  return budget;
}

/** The largest single tensor a backend can hold here, or null when it sets no limit below the total budget. */
export function tensorLimit(
  backend: BackendName,
  limits: DeviceLimits,
): { readonly bytes: number; readonly what: string } | null {
  if (backend === 'webgpu' && limits.webgpuMaxBufferBytes !== undefined)
    return { bytes: limits.webgpuMaxBufferBytes, what: "the largest buffer this GPU's WebGPU allows" };
  if (backend === 'webgl' && limits.webglMaxTextureSize !== undefined) {
    const side = limits.webglMaxTextureSize;
    // One float32 per texel: TF.js's unpacked layout, the one every op supports.
    return { bytes: side * side * 4, what: `WebGL's largest texture here (${side}×${side})` };
  }
  return null;
}

export interface TrainingEstimate {
  readonly totalBytes: number;
  readonly params: number;
  readonly activationBytes: number;
  readonly largestTensorBytes: number;
}

/**
 * Weights, gradients and two optimizer slots (Adam) per parameter; every activation kept for the backward pass and
 * its gradient (×2). The largest tensor is the largest weight or the largest layer output for a whole batch (TF.js
 * convolutions may also build an im2col matrix; that is left out, so the check errs towards letting a model run).
 */
export function trainingEstimate(loads: readonly NetworkLoad[]): TrainingEstimate {
  let params = 0;
  let activationBytes = 0;
  let largest = 0;
  for (const { size, examples } of loads) {
    params += size.params;
    activationBytes += size.activationBytes * examples;
    largest = Math.max(largest, size.largestWeightBytes, size.largestActivationBytes * examples);
  }
  return {
    totalBytes: params * 4 * 4 + activationBytes * 2,
    params,
    activationBytes,
    largestTensorBytes: largest,
  };
}

const whatTrains = (loads: readonly NetworkLoad[]): string =>
  loads.length > 1 ? 'The generator and discriminator together need' : 'This model needs';

const REMEDY = 'Use fewer filters or units, pool earlier, or lower the batch size.';

/** A message explaining the refusal, or null when the networks fit the budget. */
export function tooLargeMessage(loads: readonly NetworkLoad[], budget: MemoryBudget): string | null {
  const e = trainingEstimate(loads);
  if (e.totalBytes <= budget.bytes) return null;
  const batch = loads.map((l) => `${l.examples} through the ${l.name}`).join(', ');
  return (
    `${whatTrains(loads)} about ${mb(e.totalBytes)} to train (${count(e.params)} parameters, ` +
    `${mb(e.activationBytes)} of activations per step: ${batch}); the limit here is ${mb(budget.bytes)}, ` +
    `${budget.basis}. ${REMEDY}`
  );
}

/** A message when one tensor would not fit `backend`'s largest buffer here, else null. */
export function tensorTooLargeMessage(
  loads: readonly NetworkLoad[],
  backend: BackendName,
  limits: DeviceLimits,
): string | null {
  const limit = tensorLimit(backend, limits);
  const e = trainingEstimate(loads);
  if (!limit || e.largestTensorBytes <= limit.bytes) return null;
  return (
    `Its largest tensor needs ${mb(e.largestTensorBytes)} on ${BACKEND_LABEL[backend]}, more than ` +
    `${limit.what} (${mb(limit.bytes)}). ${REMEDY}`
  );
}

/** The networks of a run and the examples each sees per step (a GAN's discriminator sees real and fake batches). */
export function networkLoads(
  sizeOf: (g: Graph) => ModelSize | null,
  run: {
    readonly graph: Graph;
    readonly batchSize: number;
    readonly gan?: { readonly generator: Graph; readonly discriminator: Graph; readonly batchSize: number };
  },
): NetworkLoad[] | null {
  if (!run.gan) {
    const size = sizeOf(run.graph);
    return size ? [{ name: 'model', size, examples: run.batchSize }] : null;
  }
  const g = sizeOf(run.gan.generator);
  const d = sizeOf(run.gan.discriminator);
  if (!g || !d) return null;
  return [
    { name: 'generator', size: g, examples: run.gan.batchSize },
    { name: 'discriminator', size: d, examples: 2 * run.gan.batchSize },
  ];
}
