/**
 * One Adadelta step of one variable as a single WASM-backend kernel, in JavaScript on the WASM heap. TF.js's
 * AdadeltaOptimizer spends 14 kernels (and their scalars) per variable and step; on ConvNetJS's MNIST net (6
 * variables, batch 20) those small kernels cost more than a convolution (issue 16's profile). Same arithmetic, in the
 * same order, as TF.js's (which divides by the accumulated gradient from before this step).
 */
import * as tf from '@tensorflow/tfjs';
import type { HeapBackend } from './maxPoolGradWasm';

export const ADADELTA_UPDATE = 'AppAdadeltaUpdate';

export interface AdadeltaAttrs {
  readonly rho: number;
  readonly epsilon: number;
  readonly learningRate: number;
}

/**
 * newAccGrad = accGrad·ρ + g²·(1 − ρ); update = √(accUpdate + ε) / √(accGrad + ε) · g;
 * newAccUpdate = accUpdate·ρ + update²·(1 − ρ); newValue = value − lr · update. Outputs may not alias inputs.
 */
export function adadeltaUpdateInto(
  value: Float32Array,
  grad: Float32Array,
  accGrad: Float32Array,
  accUpdate: Float32Array,
  out: { value: Float32Array; accGrad: Float32Array; accUpdate: Float32Array },
  a: AdadeltaAttrs,
): void {
  // TF.js makes float32 scalars of ρ, 1 − ρ, ε and −lr.
  const rho = Math.fround(a.rho);
  const keep = Math.fround(1 - a.rho);
  const eps = Math.fround(a.epsilon);
  const step = Math.fround(-a.learningRate);
  const f = Math.fround;
  for (let i = 0; i < value.length; i++) {
    const g = grad[i]!;
    const ag = accGrad[i]!;
    const au = accUpdate[i]!;
    out.accGrad[i] = f(ag * rho) + f(f(g * g) * keep);
    const u = f(f(f(Math.sqrt(f(au + eps))) / f(Math.sqrt(f(ag + eps)))) * g);
    out.accUpdate[i] = f(au * rho) + f(f(u * u) * keep);
    out.value[i] = f(u * step) + value[i]!;
  }
}

export const adadeltaWasmConfig: tf.KernelConfig = {
  kernelName: ADADELTA_UPDATE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { value, grad, accGrad, accUpdate } = inputs as unknown as Record<
      'value' | 'grad' | 'accGrad' | 'accUpdate',
      tf.TensorInfo
    >;
    const heap = backend as unknown as HeapBackend;
    const shape = [...value.shape];
    const outs = [0, 1, 2].map(() => heap.makeOutput(shape, 'float32'));
    const [v, ag, au] = outs.map((t) => heap.typedArrayFromHeap(t) as Float32Array);
    const view = (t: tf.TensorInfo): Float32Array => heap.typedArrayFromHeap(t) as Float32Array;
    adadeltaUpdateInto(
      view(value),
      view(grad),
      view(accGrad),
      view(accUpdate),
      { value: v!, accGrad: ag!, accUpdate: au! },
      attrs as unknown as AdadeltaAttrs,
    );
    return outs;
  },
};
