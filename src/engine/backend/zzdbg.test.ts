import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { registerWasmConvBackpropFilter } from './conv2dBackpropFilterWasm';
import { conv2dBackpropFilterViaConv } from './conv2dBackpropFilterViaConv';
it('dbg', async () => {
  setWasmPaths(join(dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm'))), '/'));
  registerWasmConvBackpropFilter();
  const run = async (b: string) => {
    await tf.setBackend(b);
    const x = tf.randomNormal([2, 7, 4, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal([2, 4, 3, 1], 0, 1, 'float32', 2) as tf.Tensor4D;
    const y = tf.conv2d(x, f, [1, 2], 'valid');
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
    const g = conv2dBackpropFilterViaConv(x, dy, [2, 4, 3, 1], [1, 2], 'valid');
    const g2 = tf.grad((ff: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, ff as tf.Tensor4D, [1, 2], 'valid'), dy)))(f);
    const fmt = (t: tf.Tensor) => t.shape.join('x') + ': ' + Array.from(t.dataSync()).slice(0, 8).map((v) => v.toFixed(3)).join(' ');
    return ['y ' + fmt(y), 'g ' + fmt(g), 'g2 ' + fmt(g2)];
  };
  const a = await run('cpu'); const b = await run('wasm');
  a.forEach((s, i) => console.log('R', s, '\nR', b[i]));
});
