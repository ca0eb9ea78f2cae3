/**
 * MaxPoolGrad for the WASM backend, in JavaScript on the WASM heap. TF.js's own WASM kernel runs a generic 3-D pooling
 * loop through a per-element callback and took ~15% of a training step of ConvNetJS's MNIST net (issue 16); this one
 * finds each window's maximum once and adds dy there, as TF.js's CPU kernel decides it: the first maximum in
 * row-major window order wins, and a window with no number above −∞ (all NaN) passes no gradient.
 */
import * as tf from '@tensorflow/tfjs';

interface PoolGeometry {
  readonly batchSize: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/**
 * dx (NHWC, overwritten) from x (NHWC) and dy (NHWC, the pooled shape). Channels innermost, as they lie in memory:
 * per window, the running maximum and its offset of every channel are kept in `best` and `at`.
 */
export function maxPoolGradInto(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  dx.fill(0);
  const { batchSize, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth } = g;
  const { filterHeight, filterWidth, padTop, padLeft } = g;
  const ch = g.inChannels;
  const rowStride = inWidth * ch;
  const best = new Float32Array(ch);
  const at = new Int32Array(ch);
  let dyAt = 0;
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * rowStride;
    for (let yr = 0; yr < outHeight; yr++) {
      const r0 = yr * strideHeight - padTop;
      const rLo = r0 < 0 ? 0 : r0;
      const rHi = r0 + filterHeight > inHeight ? inHeight : r0 + filterHeight;
      for (let yc = 0; yc < outWidth; yc++) {
        const c0 = yc * strideWidth - padLeft;
        const cLo = c0 < 0 ? 0 : c0;
        const cHi = c0 + filterWidth > inWidth ? inWidth : c0 + filterWidth;
        best.fill(-Infinity);
        at.fill(-1);
        for (let r = rLo; r < rHi; r++) {
          for (let c = cLo; c < cHi; c++) {
            const o = xBatch + r * rowStride + c * ch;
            for (let d = 0; d < ch; d++) {
              const v = x[o + d]!;
              if (v > best[d]!) {
                best[d] = v;
                at[d] = o + d;
              }
            }
          }
        }
        for (let d = 0; d < ch; d++) {
          const i = at[d]!;
          if (i >= 0) dx[i] = dx[i]! + dy[dyAt + d]!;
        }
        dyAt += ch;
      }
    }
  }
}

/** The part of the WASM backend a JavaScript kernel uses (BackendWasm: allocate an output, view a tensor on the heap). */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
}

export const maxPoolGradWasmConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dy, input } = inputs as unknown as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const a = attrs as unknown as tf.MaxPoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const heap = backend as unknown as HeapBackend;
    const out = heap.makeOutput([...input.shape], 'float32');
    // Views after the allocation: growing the heap would detach views taken before it.
    maxPoolGradInto(
      heap.typedArrayFromHeap(input) as Float32Array,
      heap.typedArrayFromHeap(dy) as Float32Array,
      heap.typedArrayFromHeap(out) as Float32Array,
      {
        batchSize: info.batchSize,
        inHeight: info.inHeight,
        inWidth: info.inWidth,
        inChannels: info.inChannels,
        outHeight: info.outHeight,
        outWidth: info.outWidth,
        strideHeight: info.strideHeight,
        strideWidth: info.strideWidth,
        filterHeight: info.effectiveFilterHeight,
        filterWidth: info.effectiveFilterWidth,
        padTop: info.padInfo.top,
        padLeft: info.padInfo.left,
      },
    );
    return out;
  },
};
