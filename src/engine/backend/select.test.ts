import { describe, expect, it } from 'vitest';
import type { BackendName } from '../../workers/protocol';
import { BackendSelector, describeChoice, fastest, nextBackend, sizeBucket } from './select';
import type { BackendEnv, BackendProbe } from './select';

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

const ALL: BackendProbe[] = [
  { name: 'webgpu', available: true, adapter: 'SwiftShader (software fallback)' },
  { name: 'webgl', available: true, adapter: 'WebGL: SwiftShader' },
  { name: 'wasm', available: true, adapter: 'WASM SIMD' },
  { name: 'cpu', available: true, adapter: 'CPU' },
];
const RATES: Record<BackendName, number> = { webgpu: 21, webgl: 110, wasm: 1180, cpu: 50 };

describe('backend selection', () => {
  it('auto measures every available backend, picks the fastest and says why', async () => {
    const e = env(ALL);
    const s = new BackendSelector(e);
    const measured: BackendName[] = [];
    const info = await s.select('auto', 100_000, async (n) => {
      measured.push(n);
      expect(e.active).toBe(n);
      return RATES[n];
    });
    expect(measured).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(info.name).toBe('wasm');
    expect(e.active).toBe('wasm');
    expect(info.adapter).toBe('WASM SIMD');
    expect(info.reason).toBe('fastest of 4 measured: wasm 1,180 ex/s vs webgpu 21, webgl 110, cpu 50');
  });

  it('caches measurements per model size bucket and device', async () => {
    const e = env(ALL);
    const s = new BackendSelector(e);
    let calls = 0;
    const measure = async (n: BackendName): Promise<number> => {
      calls++;
      return RATES[n];
    };
    await s.select('auto', 100_000, measure);
    const again = await s.select('auto', 110_000, measure);
    expect(calls).toBe(4);
    expect(again.reason).toMatch(/\(cached measurement\)$/);
    await s.select('auto', 5_000_000, measure);
    expect(calls).toBe(8);
    expect(e.probed).toBe(1);
  });

  it('skips unavailable backends and failed measurements', async () => {
    const e = env([{ name: 'webgpu', available: false, adapter: 'no WebGPU adapter' }, ...ALL.slice(1)]);
    const s = new BackendSelector(e);
    const info = await s.select('auto', 1000, async (n) => {
      if (n === 'wasm') throw new Error('kernel missing');
      return RATES[n];
    });
    expect(info.name).toBe('webgl');
    expect(info.measured.find((m) => m.backend === 'webgpu')).toEqual({
      backend: 'webgpu',
      examplesPerSec: null,
      note: 'no WebGPU adapter',
    });
    expect(info.measured.find((m) => m.backend === 'wasm')?.note).toBe('failed: kernel missing');
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
