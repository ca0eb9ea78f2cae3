/** The harness's stand-in for the app's panels: asks for every probe kind and draws what comes back on one canvas. */
import type { Graph } from '../../src/engine/graph/types';
import type { ProbeRequest, ProbeResult } from '../../src/engine/train/probes/types';
import type { TrainingClient } from '../../src/workers/trainingClient';

export function allProbes(graph: Graph): ProbeRequest[] {
  const sample = { from: 'test', index: 0 } as const;
  const pool = graph.nodes.find((n) => n.layer.kind === 'maxPool2d' || n.layer.kind === 'avgPool2d');
  return [
    { kind: 'kernels', gradients: false },
    { kind: 'activations', sample },
    ...(pool ? [{ kind: 'pooling', node: pool.id, sample } as const] : []),
    { kind: 'deadRelu' },
    { kind: 'health' },
    { kind: 'confusion' },
    { kind: 'predict', sample },
  ];
}

/** Draws a probe result (maps as grey tiles, kernels normalised); one putImageData per result. */
export function draw(ctx: CanvasRenderingContext2D, r: ProbeResult): void {
  const img = ctx.createImageData(ctx.canvas.width, ctx.canvas.height);
  const W = img.width;
  const put = (x: number, y: number, v: number): void => {
    if (x >= W || y >= img.height) return;
    const o = (y * W + x) * 4;
    img.data[o] = img.data[o + 1] = img.data[o + 2] = v;
    img.data[o + 3] = 255;
  };
  switch (r.kind) {
    case 'activations':
      r.layers.forEach((s, li) => {
        for (let m = 0; m < Math.min(s.count, 8); m++)
          for (let i = 0; i < s.h * s.w; i++)
            put(m * (s.w + 1) + (i % s.w), li * 30 + Math.floor(i / s.w), s.data[m * s.h * s.w + i] ?? 0);
      });
      break;
    case 'kernels':
      r.layers.forEach((k, li) => {
        const n = k.values.length;
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of k.values) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        for (let i = 0; i < n && i < 4096; i++)
          put(i % 64, 200 + li * 20 + Math.floor(i / 64), (((k.values[i] ?? 0) - lo) / (hi - lo || 1)) * 255);
      });
      break;
    case 'confusion':
      for (let i = 0; i < r.matrix.length; i++)
        put(200 + (i % r.classes), Math.floor(i / r.classes), Math.min(255, (r.matrix[i] ?? 0) * 4));
      break;
    case 'pooling':
    case 'deadRelu':
    case 'health':
    case 'predict':
    case 'samples':
    case 'augmentPreview':
    case 'ganSamples':
    case 'reconstruct':
    case 'snapshot':
    case 'adversarial':
    case 'adversarialSearch':
    case 'featureVis':
    case 'layerIO':
    case 'saliency':
    case 'rbm':
      return;
    default: {
      const never: never = r;
      return never;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** Keeps every probe kind in flight like visible panels do (a new request as soon as the last answer arrived). */
export function keepProbing(
  client: TrainingClient,
  graph: Graph,
  ctx: CanvasRenderingContext2D | null,
): () => void {
  let on = true;
  for (const req of allProbes(graph)) {
    void (async () => {
      while (on) {
        try {
          const r = await client.probe(req);
          if (ctx && on) requestAnimationFrame(() => draw(ctx, r));
        } catch {
          return;
        }
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
  }
  return () => {
    on = false;
  };
}
