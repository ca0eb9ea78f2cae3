// @vitest-environment jsdom
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateLayer } from '../../engine/graph/edit';
import { presetById } from '../../engine/graph/presets';
import { asNodeId, type Graph } from '../../engine/graph/types';
import { makeRunRecord, type RunRecord, type RunSnapshot } from '../../engine/runs/record';
import { point } from '../../engine/runs/testPoints';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import type { MapStack } from '../../engine/train/probes/types';
import { useAppStore } from '../store';
import { mount, unmount } from '../testing/mount';
import { CompareRunsPanel, compareCardName } from './CompareRunsPanel';

// jsdom has no canvas: a 2-D context that keeps what the renderers put, so the test reads their real pixels.
const drawn = new WeakMap<HTMLCanvasElement, Uint8ClampedArray>();
class FakeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}
function fakeContext(this: HTMLCanvasElement) {
  return {
    putImageData: (img: FakeImageData) => drawn.set(this, img.data.slice()),
    clearRect: () => undefined,
    fillRect: () => undefined,
    strokeRect: () => undefined,
  };
}

const destroyed = vi.hoisted(() => ({ kernels: 0, maps: 0 }));
vi.mock('../../visualizers/kernelGrid', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../visualizers/kernelGrid')>();
  return {
    ...real,
    createKernelGrid: (...args: Parameters<typeof real.createKernelGrid>) => {
      const g = real.createKernelGrid(...args);
      return { ...g, destroy: () => (destroyed.kernels++, g.destroy()) };
    },
  };
});
vi.mock('../../visualizers/activationMaps', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../visualizers/activationMaps')>();
  return {
    ...real,
    createActivationMaps: (...args: Parameters<typeof real.createActivationMaps>) => {
      const m = real.createActivationMaps(...args);
      return { ...m, destroy: () => (destroyed.maps++, m.destroy()) };
    },
  };
});

let root: Root;
let host: HTMLElement;
const initial = useAppStore.getState();
const base = presetById('notes-small')!.graph;
const conv = base.nodes.find((n) => n.layer.kind === 'conv2d')!.id;
const withKernel = (g: Graph, k: number): Graph => updateLayer(g, conv, { kernel: [k, k] });

function stack(node: string, h: number, count: number, seed: number): MapStack {
  const data = Uint8Array.from({ length: h * h * count }, (_, i) => (i * 37 + seed * 11) % 256);
  return {
    node: asNodeId(node),
    h,
    w: h,
    count,
    data,
    min: new Float32Array(count),
    max: new Float32Array(count).fill(1),
  };
}

function snapshot(k: number, seed: number): RunSnapshot {
  const filters = 4;
  return {
    step: 100 * seed,
    sampleIndex: 0,
    kernels: {
      node: conv,
      kh: k,
      kw: k,
      inChannels: 1,
      filters,
      values: Float32Array.from({ length: k * k * filters }, (_, i) => Math.sin(i * seed)),
    },
    input: stack('input_1', 28, 1, 0),
    layers: [stack(conv, 28, 4, seed)],
  };
}

function record(n: number, k: number, snap: RunSnapshot | null | undefined): RunRecord {
  const r = makeRunRecord({
    id: `run-${n}`,
    name: `Run ${n}`,
    createdAt: n,
    graph: withKernel(base, k),
    dataset: 'procedural',
    hyper: DEFAULT_HYPER,
    seed: 1,
    backend: 'wasm',
    points: [point(1), point(2, { valAccuracy: 0.5 + n / 100, valLoss: 1 })],
    wallTimeMs: 1000,
    changes: n === 1 ? ['first run'] : [`conv2d_1 kernel 3 → ${k}`],
  });
  return snap === undefined ? r : { ...r, snapshot: snap };
}

const region = () => host.querySelector<HTMLElement>('[role="region"][aria-label="Side by side"]')!;
const cards = () => [...region().querySelectorAll<HTMLElement>('[role="group"]')];
const card = (runName: string) => {
  const c = region().querySelector<HTMLElement>(`[role="group"][aria-label="${compareCardName(runName)}"]`);
  if (!c) throw new Error(`No card for ${runName}`);
  return c;
};
const kernelCanvas = (c: HTMLElement) =>
  c.querySelector<HTMLCanvasElement>('canvas[aria-label="Kernel grid"]')!;
const mapsCanvas = (c: HTMLElement) =>
  c.querySelector<HTMLCanvasElement>('canvas[aria-label="Feature maps by layer"]')!;
/** Waits for the renderers' next animation frame. */
const pixels = async (c: HTMLCanvasElement): Promise<Uint8ClampedArray> => {
  await vi.waitFor(() => expect(drawn.get(c)).toBeDefined());
  return drawn.get(c)!;
};

function render(records: RunRecord[], selectedRunIds: string[]) {
  act(() => useAppStore.setState({ records, selectedRunIds }));
  act(() => root.render(<CompareRunsPanel />));
}

beforeEach(() => {
  vi.stubGlobal('ImageData', FakeImageData);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    fakeContext as unknown as HTMLCanvasElement['getContext'],
  );
  destroyed.kernels = 0;
  destroyed.maps = 0;
  ({ host, root } = mount());
});
afterEach(() => {
  unmount({ host, root });
  useAppStore.setState(initial, true);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('CompareRunsPanel', () => {
  const three = record(1, 3, snapshot(3, 1));
  const ten = record(2, 10, snapshot(10, 2));

  it('asks for two or more ticked runs', () => {
    render([three, ten], []);
    expect(region().textContent).toContain('Tick two or more runs in Runs');
    act(() => useAppStore.getState().setRunSelected('run-1', true));
    expect(cards()).toHaveLength(0);
    expect(region().textContent).toContain('Tick two or more runs in Runs');
  });

  it('puts two runs side by side, in the order ticked, with their own kernels and maps', async () => {
    render([three, ten], ['run-2', 'run-1']);
    expect(cards().map((c) => c.getAttribute('aria-label'))).toEqual([
      'Kernels and maps of Run 2',
      'Kernels and maps of Run 1',
    ]);
    const a = card('Run 1');
    const b = card('Run 2');
    expect(a.textContent).toContain('first run');
    expect(a.textContent).toContain('Best val acc 51.00%');
    expect(b.textContent).toContain('conv2d_1 kernel 3 → 10');
    expect(b.textContent).toContain('Best val acc 52.00%');
    const [ka, kb] = [await pixels(kernelCanvas(a)), await pixels(kernelCanvas(b))];
    // 4 filters of 3×3 vs 10×10 taps: the canvases differ in size, and both hold coloured (non-white) kernels.
    expect(kernelCanvas(a).width).not.toBe(kernelCanvas(b).width);
    for (const px of [ka, kb]) expect(px.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
    expect([...ka]).not.toEqual([...kb]);
    const [ma, mb] = [await pixels(mapsCanvas(a)), await pixels(mapsCanvas(b))];
    expect(ma.length).toBe(mb.length);
    expect([...ma]).not.toEqual([...mb]);
    // Captions name the layer from the run's own graph.
    await vi.waitFor(() => expect(a.textContent).toContain(`${conv} (conv2d) · 3×3`));
    await vi.waitFor(() => expect(b.textContent).toContain(`${conv} (conv2d) · 10×10`));
  });

  it('explains a run without a picture: none kept, or not taken yet', () => {
    render([record(1, 3, null), record(2, 5, undefined)], ['run-1', 'run-2']);
    expect(card('Run 1').textContent).toContain(
      'No picture: this run was recorded before pictures were kept',
    );
    expect(card('Run 2').textContent).toContain('The picture is taken when the run pauses or ends');
    expect(region().querySelectorAll('canvas')).toHaveLength(0);
  });

  it('shows the first four of more ticked runs and says so', () => {
    const many = [1, 2, 3, 4, 5].map((n) => record(n, 3, snapshot(3, n)));
    render(many, ['run-5', 'run-4', 'run-3', 'run-2', 'run-1']);
    expect(cards()).toHaveLength(4);
    expect(cards()[0]!.getAttribute('aria-label')).toBe('Kernels and maps of Run 5');
    expect(region().textContent).toContain('Showing the first 4 of the 5 ticked runs');
  });

  it('redraws when a record gets its snapshot and destroys the renderers of runs no longer shown', async () => {
    render([three, record(2, 10, undefined)], ['run-1', 'run-2']);
    expect(kernelCanvas(card('Run 2'))).toBeNull();
    act(() => useAppStore.getState().upsertRecord(ten));
    const first = await pixels(kernelCanvas(card('Run 2')));
    expect(kernelCanvas(card('Run 2')).width).toBeGreaterThan(kernelCanvas(card('Run 1')).width);
    // A new snapshot of the same run (other weights) is drawn into the same card.
    const canvas = kernelCanvas(card('Run 2'));
    act(() => useAppStore.getState().upsertRecord({ ...ten, snapshot: snapshot(10, 7) }));
    await vi.waitFor(() => expect([...drawn.get(canvas)!]).not.toEqual([...first]));
    expect(destroyed).toEqual({ kernels: 0, maps: 0 });
    act(() => useAppStore.getState().setRunSelected('run-1', false));
    expect(cards()).toHaveLength(0);
    expect(destroyed).toEqual({ kernels: 2, maps: 2 });
  });

  it("shows a GAN run's fixed-noise samples and its discriminator's kernels instead of maps", async () => {
    const dcgan = presetById('dcgan')!.gan!;
    const gan = { generator: dcgan.generator, discriminator: dcgan.discriminator };
    const ganRecord = (n: number, seed: number): RunRecord => {
      const samples = {
        count: 4,
        h: 8,
        w: 8,
        pixels: Uint8Array.from({ length: 4 * 64 }, (_, i) => (i * seed * 13) % 256),
      };
      const kernels = {
        ...snapshot(3, seed).kernels!,
        node: asNodeId('conv2d_1'),
        network: 'discriminator' as const,
      };
      const r = makeRunRecord({
        id: `run-${n}`,
        name: `Run ${n}`,
        createdAt: n,
        graph: gan.generator,
        gan,
        dataset: 'procedural',
        hyper: DEFAULT_HYPER,
        seed: 1,
        backend: 'wasm',
        points: [point(1, { gan: { dLoss: 1.25, gLoss: 0.75, dReal: 0.5, dFake: 0.5 } })],
        wallTimeMs: 1000,
        changes: ['first run'],
      });
      return { ...r, snapshot: { step: 5, sampleIndex: 0, kernels, layers: [], samples } };
    };
    render([ganRecord(1, 1), ganRecord(2, 2)], ['run-1', 'run-2']);
    const [a, b] = [card('Run 1'), card('Run 2')];
    expect(a.textContent).toContain('D loss 1.250 · G loss 0.750');
    expect(a.textContent).not.toContain('Best val acc');
    expect(mapsCanvas(a)).toBeNull();
    const grid = (c: HTMLElement) =>
      c.querySelector<HTMLCanvasElement>(
        '[role="img"][aria-label="Generated samples, 4 from fixed noise"] canvas',
      )!;
    const [ga, gb] = [await pixels(grid(a)), await pixels(grid(b))];
    expect([...ga]).not.toEqual([...gb]);
    // The kernels are named from the discriminator (conv2d_1 is its layer, not the generator's).
    await pixels(kernelCanvas(a));
    await vi.waitFor(() => expect(a.textContent).toContain('conv2d_1 (conv2d) · 3×3'));
  });

  it('destroys its renderers on unmount', () => {
    render([three, ten], ['run-1', 'run-2']);
    act(() => root.render(<></>));
    expect(destroyed).toEqual({ kernels: 2, maps: 2 });
  });
});
