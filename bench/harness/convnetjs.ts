/**
 * ConvNetJS on its own MNIST demo net (24×24 centre crops, conv 5×5×8 → pool 2 → conv 5×5×16 → pool 3 → softmax,
 * adadelta, batch 20), for the benchmark. ConvNetJS is loaded as a same-origin script at /convnet.js (the benchmark
 * serves node_modules/convnetjs/build/convnet.js there); it runs on the main thread, as in its demo.
 */
import { loadDataset } from '../../src/engine/data/loader';

interface Vol {
  w: Float64Array | number[];
}
interface ConvNetJs {
  Vol: new (sx: number, sy: number, depth: number, c: number) => Vol;
  Net: new () => { makeLayers(defs: object[]): void };
  SGDTrainer: new (net: object, opts: object) => { train(x: Vol, y: number): { loss: number } };
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

export async function runConvnetjs(o: {
  seconds: number;
}): Promise<{ examplesPerSec: number; examples: number; meanLoss: number }> {
  const w = window as unknown as { convnetjs?: ConvNetJs };
  if (!w.convnetjs) await loadScript('/convnet.js');
  const cj = w.convnetjs;
  if (!cj) throw new Error('convnetjs did not load');
  const d = await loadDataset('mnist', { baseUrl: location.origin });
  const net = new cj.Net();
  net.makeLayers([
    { type: 'input', out_sx: 24, out_sy: 24, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 3, stride: 3 },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new cj.SGDTrainer(net, { method: 'adadelta', batch_size: 20, l2_decay: 0.001 });
  const x = new cj.Vol(24, 24, 1, 0);
  let n = 0;
  let lossSum = 0;
  const one = (): void => {
    const i = n % d.train.count;
    for (let y = 0; y < 24; y++)
      for (let c = 0; c < 24; c++)
        x.w[y * 24 + c] = (d.train.images[i * 784 + (y + 2) * 28 + c + 2] ?? 0) / 255;
    lossSum += trainer.train(x, d.train.labels[i] ?? 0).loss;
    n++;
  };
  for (let i = 0; i < 40; i++) one();
  n = 0;
  lossSum = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < o.seconds * 1000) {
    const c0 = performance.now();
    while (performance.now() - c0 < 50) one();
    await new Promise((r) => setTimeout(r, 0));
  }
  return { examplesPerSec: (n * 1000) / (performance.now() - t0), examples: n, meanLoss: lossSum / n };
}
