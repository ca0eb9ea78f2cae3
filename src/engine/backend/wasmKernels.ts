/**
 * The kernels the app gives TF.js's WASM backend (4.x): Conv2DBackpropFilter, which it lacks, faster
 * Conv2DBackpropInput, MaxPoolGrad and transposed BatchMatMul than its own, a one-kernel Adadelta step
 * (FusedAdadeltaOptimizer), and Identity and Cast that share buffers instead of copying them — from issue 16's profile
 * of a training step. Register once the WASM
 * backend is set up; each replacement keeps the kernel it replaced and its setup, for the cases it does not cover.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmConvBackpropFilter } from './conv2dBackpropFilterWasm';
import { conv2dBackpropInputViaConv } from './conv2dBackpropInputViaConv';
import { adadeltaWasmConfig } from './adadeltaWasm';
import { maxPoolGradWasmConfig } from './maxPoolGradWasm';
import type { HeapBackend } from './maxPoolGradWasm';

/** The engine passes tensors; a bare TensorInfo is wrapped (and the wrapper freed afterwards). */
function asTensor(t: tf.TensorInfo, made: tf.Tensor[]): tf.Tensor4D {
  if (t instanceof tf.Tensor) return t as tf.Tensor4D;
  const wrapped = tf.engine().makeTensorFromTensorInfo(t) as tf.Tensor4D;
  made.push(wrapped);
  return wrapped;
}

/**
 * flipFilter on the WASM heap: the backend's Reverse kernel took longer on a 5×5×8×16 kernel than the convolution that
 * uses the flipped one needs to pack it.
 */
function flipOnHeap(backend: HeapBackend): (filter: tf.Tensor4D) => tf.Tensor4D {
  return (filter) => {
    const [kh, kw, c, k] = filter.shape;
    const out = backend.makeOutput([kh, kw, k, c], 'float32');
    const src = backend.typedArrayFromHeap(filter);
    const dst = backend.typedArrayFromHeap(out);
    let o = 0;
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++) {
        const tap = ((kh - 1 - i) * kw + (kw - 1 - j)) * c * k;
        for (let ko = 0; ko < k; ko++) for (let ci = 0; ci < c; ci++) dst[o++] = src[tap + ci * k + ko]!;
      }
    return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor4D;
  };
}

/** Marks the kernels this module registered, so a second call does not wrap them again. */
const OURS = Symbol('app wasm kernel');
type Marked = tf.KernelConfig & { [OURS]?: true };

function conv2dBackpropInputConfig(original: tf.KernelConfig): tf.KernelConfig {
  const config: Marked = {
    kernelName: tf.Conv2DBackpropInput,
    backendName: 'wasm',
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
    ...(original.disposeFunc ? { disposeFunc: original.disposeFunc } : {}),
    kernelFunc: (args) => {
      const a = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
      const { dy, filter } = args.inputs as unknown as { dy: tf.TensorInfo; filter: tf.TensorInfo };
      if (a.dataFormat === 'NHWC') {
        const made: tf.Tensor[] = [];
        try {
          return conv2dBackpropInputViaConv(
            asTensor(dy, made),
            asTensor(filter, made),
            a.inputShape,
            a.strides,
            a.pad,
            a.dimRoundingMode,
            flipOnHeap(args.backend as unknown as HeapBackend),
          );
        } finally {
          for (const t of made) t.dispose();
        }
      }
      return original.kernelFunc(args);
    },
    [OURS]: true,
  };
  return config;
}

function replace(kernelName: string, make: (original: tf.KernelConfig) => tf.KernelConfig): boolean {
  const original = tf.getKernel(kernelName, 'wasm') as Marked | undefined;
  if (original?.[OURS]) return false;
  if (original) tf.unregisterKernel(kernelName, 'wasm');
  const config = make(original ?? { kernelName, backendName: 'wasm', kernelFunc: missing(kernelName) });
  tf.registerKernel(config);
  return true;
}

const missing =
  (kernelName: string): tf.KernelFunc =>
  () => {
    throw new Error(`${kernelName} (wasm): not covered and TF.js has no kernel`);
  };

/** The part of the WASM backend that shares a buffer between tensors (as its Reshape kernel does). */
interface RefCounted {
  incRef(dataId: tf.DataId): void;
}

/**
 * Identity and same-dtype Cast share the input's buffer (its reference count goes up), as on the cpu and WebGL
 * backends; TF.js's WASM kernels copy it. The engine clones every tensor it keeps for the backward pass, so each
 * training step copied every saved activation once more. Tensors are immutable, so sharing is safe.
 */
function shareConfig(kernelName: string, original: tf.KernelConfig): tf.KernelConfig {
  const config: Marked = {
    ...original,
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = (args.inputs as { x?: tf.TensorInfo }).x;
      const dtype = (args.attrs as { dtype?: tf.DataType } | undefined)?.dtype ?? x?.dtype;
      if (x === undefined || x.dtype === 'string' || dtype !== x.dtype) return original.kernelFunc(args);
      (args.backend as unknown as RefCounted).incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    },
    [OURS]: true,
  };
  return config;
}

/**
 * BatchMatMul with a transposed operand: TF.js's WASM backend hands only untransposed single matrices to XNNPACK and
 * runs the rest as a scalar loop, and a dense layer's two gradients are both transposed products (dy·Wᵀ, xᵀ·dy). A
 * single pair (batch 1) is transposed first and multiplied untransposed instead; batches keep TF.js's kernel.
 */
function batchMatMulConfig(original: tf.KernelConfig): tf.KernelConfig {
  const config: Marked = {
    ...original,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as unknown as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
      const single = (t: tf.TensorInfo): boolean => tf.util.sizeFromShape(t.shape.slice(0, -2)) === 1;
      if (
        !(transposeA || transposeB) ||
        a.dtype !== 'float32' ||
        b.dtype !== 'float32' ||
        !single(a) ||
        !single(b)
      )
        return original.kernelFunc(args);
      const made: tf.Tensor[] = [];
      try {
        const matrix = (t: tf.TensorInfo, transpose: boolean): tf.Tensor2D => {
          const m = tf.reshape(asTensor(t, made), t.shape.slice(-2) as [number, number]) as tf.Tensor2D;
          return transpose ? tf.transpose(m) : m;
        };
        return tf.tidy(() => {
          const product = tf.matMul(matrix(a, transposeA), matrix(b, transposeB));
          const batch = tf.backend_util.assertAndGetBroadcastShape(
            a.shape.slice(0, -2),
            b.shape.slice(0, -2),
          );
          return tf.reshape(product, [...batch, ...product.shape]);
        });
      } finally {
        for (const t of made) t.dispose();
      }
    },
    [OURS]: true,
  };
  return config;
}

/** Registers the app's WASM kernels; true when any was new (later calls leave them alone). */
export function registerWasmKernels(): boolean {
  const filter = registerWasmConvBackpropFilter();
  const input = replace(tf.Conv2DBackpropInput, conv2dBackpropInputConfig);
  const pool = replace(tf.MaxPoolGrad, () => ({ ...maxPoolGradWasmConfig, [OURS]: true }));
  const adadelta = replace(adadeltaWasmConfig.kernelName, () => ({ ...adadeltaWasmConfig, [OURS]: true }));
  const identity = replace(tf.Identity, (original) => shareConfig(tf.Identity, original));
  const cast = replace(tf.Cast, (original) => shareConfig(tf.Cast, original));
  const matMul = replace(tf.BatchMatMul, batchMatMulConfig);
  return filter || input || pool || adadelta || identity || cast || matMul;
}
