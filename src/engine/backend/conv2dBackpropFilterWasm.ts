/**
 * Supplies the WASM backend's missing Conv2DBackpropFilter kernel (needed to train any conv layer there), built from
 * ops the WASM backend has: see conv2dBackpropFilterViaConv. Ops called inside a kernelFunc run on the active backend
 * (WASM); intermediates are freed by the tidy inside, and the result tensor is handed to the engine as the output.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterViaConv } from './conv2dBackpropFilterViaConv';

interface Attrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape: [number, number, number, number];
}

/** The engine passes tensors; a bare TensorInfo is wrapped (and the wrapper freed afterwards). */
function asTensor(t: tf.TensorInfo, made: tf.Tensor[]): tf.Tensor4D {
  if (t instanceof tf.Tensor) return t as tf.Tensor4D;
  const wrapped = tf.engine().makeTensorFromTensorInfo(t) as tf.Tensor4D;
  made.push(wrapped);
  return wrapped;
}

export const conv2dBackpropFilterWasmConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) => {
    const a = attrs as unknown as Attrs;
    if (a.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter (wasm): only NHWC is supported');
    const x = inputs['x'];
    const dy = inputs['dy'];
    if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter (wasm): missing x or dy');
    const made: tf.Tensor[] = [];
    try {
      return conv2dBackpropFilterViaConv(
        asTensor(x, made),
        asTensor(dy, made),
        a.filterShape,
        a.strides,
        a.pad,
        1,
        a.dimRoundingMode,
      );
    } finally {
      for (const t of made) t.dispose();
    }
  },
};

/** Registers the kernel once; later calls (or a future WASM build that has its own kernel) leave it alone. */
export function registerWasmConvBackpropFilter(): boolean {
  if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm') !== undefined) return false;
  tf.registerKernel(conv2dBackpropFilterWasmConfig);
  return true;
}
