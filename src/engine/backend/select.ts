/**
 * Backend selection policy: 'auto' measures a few real training steps of the user's model on every available
 * backend and picks the fastest; a forced name is used as is. Pure logic: the TF.js side (registering backends,
 * switching, timing steps) is injected as a BackendEnv, so this file is unit-tested without a browser.
 */
import type { BackendInfo, BackendName, BackendPolicy } from '../../workers/protocol';

/** Preference order (ties and fallbacks follow it). */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendProbe {
  readonly name: BackendName;
  /** Whether the backend could be set up here (e.g. a WebGPU adapter exists). */
  readonly available: boolean;
  /** Adapter description ("SwiftShader", "WASM SIMD", "CPU"), or why it is unavailable. */
  readonly adapter: string;
}

export interface BackendEnv {
  /** Registers and initialises every backend once; reports which ones work. */
  probe(): Promise<readonly BackendProbe[]>;
  /** Makes `name` the active TF.js backend; false when it cannot be set. */
  activate(name: BackendName): Promise<boolean>;
  /** Device key for the cache (user agent + adapters). */
  readonly deviceKey: string;
}

/** Times real training steps on the active backend; returns examples/s. */
export type MeasureRate = (name: BackendName) => Promise<number>;

export type Measured = BackendInfo['measured'][number];

/** Power-of-two bucket of the parameter count, so models of similar size share a cached measurement. */
export function sizeBucket(params: number): number {
  return params <= 1 ? 0 : Math.ceil(Math.log2(params));
}

export function cacheKey(params: number, deviceKey: string): string {
  return `${sizeBucket(params)}|${deviceKey}`;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "fastest of 4 measured: wasm 1,180 ex/s vs webgl 110, webgpu 21, cpu 50". */
export function describeChoice(chosen: BackendName, measured: readonly Measured[], cached: boolean): string {
  const rated = measured.filter((m): m is Measured & { examplesPerSec: number } => m.examplesPerSec !== null);
  const mine = rated.find((m) => m.backend === chosen);
  if (!mine) return `${chosen}: the only backend that worked`;
  const others = rated
    .filter((m) => m.backend !== chosen)
    .map((m) => `${m.backend} ${fmt(m.examplesPerSec)}`);
  const head = `fastest of ${rated.length} measured: ${chosen} ${fmt(mine.examplesPerSec)} ex/s`;
  return (
    (others.length > 0 ? `${head} vs ${others.join(', ')}` : head) + (cached ? ' (cached measurement)' : '')
  );
}

/** Picks the fastest measured backend; ties go to the earlier one in BACKEND_ORDER. Null when none measured. */
export function fastest(measured: readonly Measured[]): BackendName | null {
  let best: Measured | null = null;
  for (const name of BACKEND_ORDER) {
    const m = measured.find((x) => x.backend === name);
    if (!m || m.examplesPerSec === null) continue;
    if (!best || best.examplesPerSec === null || m.examplesPerSec > best.examplesPerSec) best = m;
  }
  return best ? best.backend : null;
}

/** The backend to fall back to after `failed` broke: the fastest remaining measured one, else the next in order. */
export function nextBackend(
  failed: BackendName,
  info: BackendInfo,
  tried: ReadonlySet<BackendName>,
): BackendName | null {
  const rest = info.measured.filter((m) => m.backend !== failed && !tried.has(m.backend));
  const best = fastest(rest);
  if (best) return best;
  const start = BACKEND_ORDER.indexOf(failed);
  for (let i = 1; i <= BACKEND_ORDER.length; i++) {
    const name = BACKEND_ORDER[(start + i) % BACKEND_ORDER.length];
    if (name && name !== failed && !tried.has(name) && name !== 'webgpu') return name;
  }
  return null;
}

export class BackendSelector {
  private probes: readonly BackendProbe[] | null = null;
  private readonly cache = new Map<string, readonly Measured[]>();

  constructor(private readonly env: BackendEnv) {}

  async available(): Promise<readonly BackendProbe[]> {
    this.probes ??= await this.env.probe();
    return this.probes;
  }

  /** Chooses and activates a backend for a model with `params` parameters. Throws when nothing can be activated. */
  async select(policy: BackendPolicy, params: number, measure: MeasureRate): Promise<BackendInfo> {
    const probes = await this.available();
    const adapterOf = (name: BackendName): string => probes.find((p) => p.name === name)?.adapter ?? name;
    const unavailable: Measured[] = probes
      .filter((p) => !p.available)
      .map((p) => ({ backend: p.name, examplesPerSec: null, note: p.adapter }));
    if (policy !== 'auto') {
      const ok = probes.some((p) => p.name === policy && p.available) && (await this.env.activate(policy));
      if (ok) return { name: policy, adapter: adapterOf(policy), reason: 'forced by the user', measured: [] };
      const fallback =
        probes.find((p) => p.available && p.name !== policy && p.name !== 'webgpu')?.name ?? 'cpu';
      if (!(await this.env.activate(fallback)))
        throw new Error(`No TF.js backend could be set up (asked for ${policy}).`);
      return {
        name: fallback,
        adapter: adapterOf(fallback),
        reason: `forced ${policy} is not available here (${adapterOf(policy)}); using ${fallback}`,
        measured: unavailable,
      };
    }
    const key = cacheKey(params, this.env.deviceKey);
    const hit = this.cache.get(key);
    let measured: readonly Measured[];
    if (hit) {
      measured = hit;
    } else {
      const rows: Measured[] = [...unavailable];
      for (const p of probes.filter((x) => x.available)) {
        if (!(await this.env.activate(p.name))) {
          rows.push({ backend: p.name, examplesPerSec: null, note: 'could not be activated' });
          continue;
        }
        try {
          rows.push({ backend: p.name, examplesPerSec: await measure(p.name), note: p.adapter });
        } catch (e) {
          rows.push({
            backend: p.name,
            examplesPerSec: null,
            note: `failed: ${e instanceof Error ? e.message : String(e)}`,
          });
        }
      }
      measured = BACKEND_ORDER.flatMap((n) => rows.filter((r) => r.backend === n));
      if (fastest(measured)) this.cache.set(key, measured);
    }
    const chosen = fastest(measured);
    if (!chosen || !(await this.env.activate(chosen)))
      throw new Error('No TF.js backend could train this model.');
    return {
      name: chosen,
      adapter: adapterOf(chosen),
      reason: describeChoice(chosen, measured, hit !== undefined),
      measured,
    };
  }

  /** Activates the fallback after `failed` broke mid-run; null when nothing is left. */
  async fallback(
    failed: BackendName,
    info: BackendInfo,
    tried: ReadonlySet<BackendName>,
  ): Promise<BackendName | null> {
    const probes = await this.available();
    const skip = new Set([...tried, ...probes.filter((p) => !p.available).map((p) => p.name)]);
    for (let next = nextBackend(failed, info, skip); next; next = nextBackend(failed, info, skip)) {
      if (await this.env.activate(next)) return next;
      skip.add(next);
    }
    return null;
  }
}
