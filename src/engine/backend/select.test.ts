import { describe, expect, it } from 'vitest';
import type { BackendName } from './types';
import { BackendSelector, cacheKey, describeChoice, fastest, nextBackend, sizeBucket } from './select';
import type { BackendEnv, BackendProbe, Measured, MeasurementStore } from './select';

function env(
  probes: BackendProbe[],
  failActivate: BackendName[] = [],
): BackendEnv & { active: BackendName | null; probed: number } {
  const e = {
    deviceKey: 'test-device',
    active: null as BackendName | null,
    probed: 0,
    probe: async () => {
      e.probed++;
      return probes;
    },
    activate: async (n: BackendName) => {
      if (failActivate.includes(n)) return false;
      e.active = n;
      return true;
    },
  };
  return e;
}

/** This machine: WebGPU and WebGL on SwiftShader (software), WASM SIMD, CPU. */
const ALL: BackendProbe[] = [
  { name: 'webgpu', available: true, adapter: 'SwiftShader (software fallback)', software: true },
  { name: 'webgl', available: true, adapter: 'WebGL: SwiftShader', software: true },
  { name: 'wasm', available: true, adapter: 'WASM SIMD' },
  { name: 'cpu', available: true, adapter: 'CPU' },
];
/** A machine with a real GPU. */
const GPU: BackendProbe[] = [
  { name: 'webgpu', available: true, adapter: 'nvidia ampere' },
  { name: 'webgl', available: true, adapter: 'WebGL: NVIDIA' },
  { name: 'wasm', available: true, adapter: 'WASM SIMD' },
  { name: 'cpu', available: true, adapter: 'CPU' },
];
const RATES: Record<BackendName, number> = { webgpu: 21, webgl: 110, wasm: 1180, cpu: 50 };
const GPU_RATES: Record<BackendName, number> = { webgpu: 5000, webgl: 3000, wasm: 1180, cpu: 50 };

/** A store that keeps measurements in a Map, like IndexedDB across visits. */
function memoryStore(): MeasurementStore & { data: Map<string, readonly Measured[]> } {
  const data = new Map<string, readonly Measured[]>();
  return {
    data,
    get: async (k) => data.get(k) ?? null,
    set: async (k, v) => {
      data.set(k, v);
    },
  };
}

describe('backend selection', () => {
  it('software GPU adapters and plain-JS CPU are not timed: WASM is used at once, and the reason says why', async () => {
    const e = env(ALL);
    const s = new BackendSelector(e);
    const progress: string[] = [];
    const info = await s.select('auto', 100_000, () => Promise.reject(new Error('must not measure')), {
      onProgress: (m) => progress.push(m),
    });
    expect(info.name).toBe('wasm');
    expect(e.active).toBe('wasm');
    expect(info.reason).toBe('wasm: WebGPU and WebGL run in software here, so not timed');
    expect(info.measured.map((m) => m.backend)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(info.measured.find((m) => m.backend === 'webgl')?.note).toMatch(/^not timed: software adapter/);
    expect(info.measured.find((m) => m.backend === 'cpu')?.note).toMatch(/^not timed: plain JavaScript/);
    expect(progress).toEqual(['Starting WASM…']);
  });

  it('with a real GPU it times the candidates cheapest first, says so, picks the fastest', async () => {
    const e = env(GPU);
    const s = new BackendSelector(e);
    const measured: BackendName[] = [];
    const progress: string[] = [];
    const info = await s.select(
      'auto',
      100_000,
      async (n, budget) => {
        measured.push(n);
        expect(e.active).toBe(n);
        expect(budget).toBeGreaterThan(0);
        return GPU_RATES[n];
      },
      { onProgress: (m) => progress.push(m) },
    );
    expect(measured).toEqual(['wasm', 'webgl', 'webgpu']);
    expect(progress).toEqual([
      'Measuring backends: WASM (1/3)…',
      'Measuring backends: WebGL (2/3)…',
      'Measuring backends: WebGPU (3/3)…',
    ]);
    expect(info.name).toBe('webgpu');
    expect(info.reason).toBe('fastest of 3 measured: webgpu 5,000 ex/s vs webgl 3,000, wasm 1,180');
  });

  it('stops timing when the budget is used up: later candidates are not timed and nothing is cached', async () => {
    let clock = 0;
    const store = memoryStore();
    const s = new BackendSelector({ ...env(GPU), store });
    const measured: BackendName[] = [];
    const info = await s.select(
      'auto',
      100_000,
      async (n, budget) => {
        measured.push(n);
        clock += 2000; // the warm-up alone takes longer than the whole budget
        return { examplesPerSec: GPU_RATES[n], complete: budget > 2000 };
      },
      { now: () => clock, budgetMs: 1500 },
    );
    expect(measured).toEqual(['wasm']);
    expect(info.name).toBe('wasm');
    expect(info.measured.find((m) => m.backend === 'webgpu')?.note).toBe(
      'not timed: the measuring time was used up',
    );
    expect(store.data.size).toBe(0);
  });

  it('caches measurements per model size bucket, kind and device, in memory and in the store', async () => {
    const store = memoryStore();
    const e = { ...env(GPU), store };
    const s = new BackendSelector(e);
    let calls = 0;
    const measure = async (n: BackendName): Promise<number> => {
      calls++;
      return GPU_RATES[n];
    };
    await s.select('auto', 100_000, measure);
    const again = await s.select('auto', 110_000, measure);
    expect(calls).toBe(3);
    expect(again.reason).toMatch(/\(cached measurement\)$/);
    await s.select('auto', 100_000, measure, { kind: 'gan' });
    expect(calls).toBe(6);
    await s.select('auto', 5_000_000, measure);
    expect(calls).toBe(9);
    expect(store.data.size).toBe(3);
    // A second visit (a new selector, same store) decides without measuring.
    const next = new BackendSelector({ ...env(GPU), store });
    const visit = await next.select('auto', 100_000, () => Promise.reject(new Error('must not measure')));
    expect(visit.name).toBe('webgpu');
    expect(visit.reason).toMatch(/cached measurement/);
  });

  it('ignores a malformed stored measurement and measures again', async () => {
    const store = memoryStore();
    const s = new BackendSelector({ ...env(GPU), store });
    store.data.set(cacheKey(1000, 'test-device'), [{ backend: 'tpu', examplesPerSec: 'x' }] as never);
    const info = await s.select('auto', 1000, async (n) => GPU_RATES[n]);
    expect(info.name).toBe('webgpu');
    expect(info.reason).not.toMatch(/cached/);
  });

  it('skips unavailable backends and failed measurements', async () => {
    const e = env([{ name: 'webgpu', available: false, adapter: 'no WebGPU adapter' }, ...GPU.slice(1)]);
    const s = new BackendSelector(e);
    const info = await s.select('auto', 1000, async (n) => {
      if (n === 'wasm') throw new Error('kernel missing');
      return GPU_RATES[n];
    });
    expect(info.name).toBe('webgl');
    expect(info.measured.find((m) => m.backend === 'webgpu')).toEqual({
      backend: 'webgpu',
      examplesPerSec: null,
      note: 'no WebGPU adapter',
    });
    expect(info.measured.find((m) => m.backend === 'wasm')?.note).toBe('failed: kernel missing');
  });

  it('when the only candidate cannot be activated, a software backend still trains, software WebGPU last', async () => {
    const s = new BackendSelector(env(ALL, ['wasm']));
    const info = await s.select('auto', 1000, () => Promise.reject(new Error('must not measure')));
    expect(info.name).toBe('cpu');
    const s1 = new BackendSelector(env(ALL, ['wasm', 'cpu']));
    expect((await s1.select('auto', 1000, () => Promise.reject(new Error('no')))).name).toBe('webgl');
    const s2 = new BackendSelector(env(ALL, ['wasm', 'webgl', 'cpu']));
    expect((await s2.select('auto', 1000, () => Promise.reject(new Error('no')))).name).toBe('webgpu');
  });

  it('splits the budget fairly, keeps nothing when a candidate failed, and stops when the data is not there', async () => {
    const store = memoryStore();
    const budgets: number[] = [];
    const s = new BackendSelector({ ...env(GPU, ['webgl']), store });
    const info = await s.select(
      'auto',
      1000,
      async (n, budget) => {
        budgets.push(Math.round(budget));
        return GPU_RATES[n];
      },
      { now: () => 0, budgetMs: 1500 },
    );
    expect(budgets).toEqual([500, 1500]); // wasm a third, webgl failed to start, webgpu the rest
    expect(info.name).toBe('webgpu');
    expect(store.data.size).toBe(0);
    const cancelled = new BackendSelector(env(GPU)).select('auto', 1000, async () => 1, {
      beforeMeasuring: async () => false,
    });
    await expect(cancelled).rejects.toThrow(/cancelled/);
  });

  it('without WASM, a software WebGL is timed against the CPU', async () => {
    const probes = ALL.map((p) => (p.name === 'wasm' ? { ...p, available: false } : p));
    const measured: BackendName[] = [];
    const info = await new BackendSelector(env(probes)).select('auto', 1000, async (n) => {
      measured.push(n);
      return RATES[n];
    });
    expect(measured).toEqual(['webgl', 'cpu']);
    expect(info.name).toBe('webgl');
  });

  it('a forced backend is used without measuring; an unavailable one falls back and says so', async () => {
    const s = new BackendSelector(env(ALL));
    const forced = await s.select('webgl', 1000, () => Promise.reject(new Error('no measuring')));
    expect(forced).toMatchObject({ name: 'webgl', reason: 'forced by the user' });
    const s2 = new BackendSelector(
      env([{ name: 'webgpu', available: false, adapter: 'no WebGPU adapter' }, ...ALL.slice(1)]),
    );
    const fb = await s2.select('webgpu', 1000, () => Promise.reject(new Error('no measuring')));
    expect(fb.name).toBe('webgl');
    expect(fb.reason).toMatch(/forced webgpu is not available here \(no WebGPU adapter\); using webgl/);
  });

  it('falls back to the fastest remaining measured backend, then in order', async () => {
    const measured = (Object.keys(RATES) as BackendName[]).map((b) => ({
      backend: b,
      examplesPerSec: RATES[b],
      note: '',
    }));
    const info = { name: 'wasm' as const, adapter: '', reason: '', measured };
    expect(nextBackend('wasm', info, new Set())).toBe('webgl');
    expect(nextBackend('wasm', info, new Set(['webgl', 'webgpu']))).toBe('cpu');
    expect(nextBackend('webgl', { ...info, measured: [] }, new Set())).toBe('wasm');
    expect(nextBackend('cpu', { ...info, measured: [] }, new Set(['webgl', 'wasm']))).toBeNull();
    const s = new BackendSelector(env(ALL, ['webgl']));
    expect(await s.fallback('wasm', info, new Set(['wasm']))).toBe('cpu');
  });

  it('helpers', () => {
    expect(sizeBucket(1)).toBe(0);
    expect(sizeBucket(1024)).toBe(10);
    expect(sizeBucket(1025)).toBe(11);
    expect(fastest([{ backend: 'cpu', examplesPerSec: null, note: '' }])).toBeNull();
    expect(describeChoice('cpu', [{ backend: 'cpu', examplesPerSec: 49.6, note: '' }], false)).toBe(
      'fastest of 1 measured: cpu 50 ex/s',
    );
  });
});
