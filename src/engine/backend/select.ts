/**
 * Backend selection policy. 'auto' decides in bounded time: a backend that cannot win is not timed at all (a software
 * GPU adapter such as SwiftShader, plain-JS CPU when WASM works), one candidate left is used at once, several are
 * timed cheapest first within a time budget, and decisions are kept per device and model-size bucket (in memory and,
 * through the env's store, across visits). A forced name is used as is. Pure logic: the TF.js side (registering
 * backends, switching, timing steps) is injected as a BackendEnv, so this file is unit-tested without a browser.
 */
import type { BackendInfo, BackendName, BackendPolicy } from './types';
import { BACKEND_LABEL } from './types';

/** Preference order (ties and fallbacks follow it). */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendProbe {
  readonly name: BackendName;
  /** Whether the backend could be set up here (e.g. a WebGPU adapter exists). */
  readonly available: boolean;
  /** Adapter description ("SwiftShader", "WASM SIMD", "CPU"), or why it is unavailable. */
  readonly adapter: string;
  /** A GPU backend running on a software adapter (SwiftShader, llvmpipe, a fallback adapter): never faster than WASM. */
  readonly software?: boolean;
}

/** Keeps measurements across visits (IndexedDB in the browser); failures are ignored. */
export interface MeasurementStore {
  get(key: string): Promise<readonly Measured[] | null>;
  set(key: string, measured: readonly Measured[]): Promise<void>;
}

export interface BackendEnv {
  /** Registers and initialises every backend once; reports which ones work. */
  probe(): Promise<readonly BackendProbe[]>;
  /** Makes `name` the active TF.js backend; false when it cannot be set. */
  activate(name: BackendName): Promise<boolean>;
  /** Device key for the cache (user agent + adapters). */
  readonly deviceKey: string;
  readonly store?: MeasurementStore;
}

/**
 * Times real training steps on the active backend within `budgetMs` (at least one warm-up batch); returns examples/s
 * and whether the timing was complete (false: the warm-up alone used the budget, so the rate is a lower bound).
 */
export type MeasureRate = (
  name: BackendName,
  budgetMs: number,
) => Promise<number | { readonly examplesPerSec: number; readonly complete: boolean }>;

/** What the selector is doing, for the training bar ("Measuring backends: WebGL (2/3)…"). */
export type SelectProgress = (message: string) => void;

/** The whole auto measurement stays within this. */
export const MEASURE_BUDGET_MS = 1500;
/** A candidate is not started with less than this left of the budget. */
const MIN_SLOT_MS = 100;

/** Cheapest to try first: WASM compiles nothing per model; GPU backends compile shaders on their first batch. */
const MEASURE_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];

/** Which backends to time, and why the others are not. */
export function measurementPlan(probes: readonly BackendProbe[]): {
  readonly candidates: readonly BackendName[];
  readonly skipped: readonly Measured[];
} {
  const usable = probes.filter((p) => p.available);
  const wasm = usable.some((p) => p.name === 'wasm');
  const skipped: Measured[] = [];
  const skip = (p: BackendProbe): boolean => {
    // Software WebGPU is far slower than anything else (13 s per DCGAN step on SwiftShader); the rest only lose to WASM.
    if (p.software && (wasm || p.name === 'webgpu')) {
      const than = wasm ? 'WASM' : 'the CPU';
      skipped.push({
        backend: p.name,
        examplesPerSec: null,
        note: `not timed: software adapter (${p.adapter}), slower than ${than}`,
      });
      return true;
    }
    if (p.name === 'cpu' && wasm) {
      skipped.push({
        backend: 'cpu',
        examplesPerSec: null,
        note: 'not timed: plain JavaScript, slower than WASM',
      });
      return true;
    }
    return false;
  };
  const kept = usable.filter((p) => !skip(p));
  if (kept.length === 0) skipped.length = 0;
  const names = (kept.length > 0 ? kept : usable).map((p) => p.name);
  const candidates = MEASURE_ORDER.filter((n) => names.includes(n));
  return { candidates, skipped };
}

export type Measured = BackendInfo['measured'][number];

/** Power-of-two bucket of the parameter count, so models of similar size share a cached measurement. */
export function sizeBucket(params: number): number {
  return params <= 1 ? 0 : Math.ceil(Math.log2(params));
}

export function cacheKey(params: number, deviceKey: string, kind = 'net'): string {
  return `v2|${kind}|${sizeBucket(params)}|${deviceKey}`;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "fastest of 4 measured: wasm 1,180 ex/s vs webgl 110, webgpu 21, cpu 50". */
export function describeChoice(chosen: BackendName, measured: readonly Measured[], cached: boolean): string {
  const rated = measured.filter((m): m is Measured & { examplesPerSec: number } => m.examplesPerSec !== null);
  const mine = rated.find((m) => m.backend === chosen);
  if (!mine) {
    const software = measured
      .filter((m) => m.note.includes('software adapter'))
      .map((m) => BACKEND_LABEL[m.backend]);
    if (software.length > 0)
      return `${chosen}: ${software.join(' and ')} ${software.length > 1 ? 'run' : 'runs'} in software here, so not timed`;
    return `${chosen}: the only backend available here`;
  }
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

export interface SelectOptions {
  /** Separates cache entries of different model kinds of the same size ('net', 'gan'). */
  readonly kind?: string;
  readonly onProgress?: SelectProgress;
  readonly now?: () => number;
  readonly budgetMs?: number;
  /** Awaited before timing starts (the worker's dataset download); false cancels. Not awaited when nothing is timed. */
  readonly beforeMeasuring?: () => Promise<boolean>;
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
  async select(
    policy: BackendPolicy,
    params: number,
    measure: MeasureRate,
    opts: SelectOptions = {},
  ): Promise<BackendInfo> {
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
    const key = cacheKey(params, this.env.deviceKey, opts.kind);
    const cached = this.cache.get(key) ?? (await this.stored(key, probes));
    if (cached) {
      const chosen = fastest(cached);
      if (chosen && (await this.env.activate(chosen))) {
        this.cache.set(key, cached);
        return {
          name: chosen,
          adapter: adapterOf(chosen),
          reason: describeChoice(chosen, cached, true),
          measured: cached,
        };
      }
    }
    const now = opts.now ?? (() => Date.now());
    const plan = measurementPlan(probes);
    const rows: Measured[] = [...unavailable, ...plan.skipped];
    const n = plan.candidates.length;
    // Timing needs the data; a single candidate is activated while the dataset still downloads.
    if (n > 1 && (await opts.beforeMeasuring?.()) === false)
      throw new Error('Backend measurement cancelled: the data is not there.');
    const deadline = now() + (opts.budgetMs ?? MEASURE_BUDGET_MS);
    let complete = true;
    let only: BackendName | null = null;
    for (const [i, name] of plan.candidates.entries()) {
      const left = deadline - now();
      if (n > 1 && i > 0 && left < MIN_SLOT_MS) {
        rows.push({ backend: name, examplesPerSec: null, note: 'not timed: the measuring time was used up' });
        complete = false;
        continue;
      }
      opts.onProgress?.(
        n > 1
          ? `Measuring backends: ${BACKEND_LABEL[name]} (${i + 1}/${n})…`
          : `Starting ${BACKEND_LABEL[name]}…`,
      );
      if (!(await this.env.activate(name))) {
        rows.push({ backend: name, examplesPerSec: null, note: 'could not be activated' });
        continue;
      }
      if (n === 1) {
        only = name;
        rows.push({
          backend: name,
          examplesPerSec: null,
          note: `${adapterOf(name)}; not timed: the only candidate`,
        });
        break;
      }
      try {
        // An equal share of what is left, so the last candidates (GPUs, whose first batch compiles) get their turn.
        const r = await measure(name, Math.max(0, deadline - now()) / (n - i));
        const rate = typeof r === 'number' ? r : r.examplesPerSec;
        if (typeof r !== 'number' && !r.complete) complete = false;
        rows.push({
          backend: name,
          examplesPerSec: rate,
          note: typeof r !== 'number' && !r.complete ? `${adapterOf(name)}; warm-up only` : adapterOf(name),
        });
      } catch (e) {
        rows.push({
          backend: name,
          examplesPerSec: null,
          note: `failed: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    }
    const measured = BACKEND_ORDER.flatMap((b) => rows.filter((r) => r.backend === b));
    const best = fastest(measured);
    let chosen: BackendName | null = only;
    if (!chosen && best && (await this.env.activate(best))) chosen = best;
    if (!chosen) {
      // The pick would not start: the other timed ones by rate, then the rest with software WebGPU last.
      const rated = measured
        .filter((m) => m.examplesPerSec !== null && m.backend !== best)
        .sort((x, y) => (y.examplesPerSec ?? 0) - (x.examplesPerSec ?? 0))
        .map((m) => m.backend);
      const rank = (p: BackendProbe): number => (p.name === 'webgpu' && p.software ? 2 : p.software ? 1 : 0);
      const others = probes
        .filter((p) => p.available && p.name !== best && !rated.includes(p.name))
        .sort((x, y) => rank(x) - rank(y))
        .map((p) => p.name);
      for (const name of [...rated, ...others])
        if (await this.env.activate(name)) {
          chosen = name;
          break;
        }
    }
    if (!chosen) throw new Error('No TF.js backend could train this model.');
    // Only a full comparison is kept: a candidate that failed to start may work next time.
    const everyRated = plan.candidates.every(
      (c) => measured.find((m) => m.backend === c)?.examplesPerSec !== null,
    );
    if (complete && everyRated && !only) {
      this.cache.set(key, measured);
      await this.env.store?.set(key, measured).catch(() => undefined);
    }
    return {
      name: chosen,
      adapter: adapterOf(chosen),
      reason: describeChoice(chosen, measured, false),
      measured,
    };
  }

  /** A measurement kept from an earlier visit, if it is well-formed and names only backends available now. */
  private async stored(key: string, probes: readonly BackendProbe[]): Promise<readonly Measured[] | null> {
    const got = await this.env.store?.get(key).catch(() => null);
    if (!Array.isArray(got)) return null;
    const ok = got.every(
      (m: unknown) =>
        typeof m === 'object' &&
        m !== null &&
        BACKEND_ORDER.includes((m as Measured).backend) &&
        (typeof (m as Measured).examplesPerSec === 'number' || (m as Measured).examplesPerSec === null) &&
        typeof (m as Measured).note === 'string',
    );
    if (!ok) return null;
    const best = fastest(got);
    return best && probes.some((p) => p.name === best && p.available) ? got : null;
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
