/**
 * How many threads the WASM backend gets, and how the app says so. TF.js loads its threaded SIMD binary only when the
 * page may share memory between workers (cross-origin isolation, see the README's "Serving" section); otherwise it
 * loads today's single-threaded SIMD binary and the backend's description says why. Pure: the worker passes in what
 * it reads from its global scope (crossOriginIsolated, navigator.hardwareConcurrency, TF.js's feature flags).
 */

/**
 * TF.js's limits (tfjs-backend-wasm 4.x, src/cc/backend.cc): at most 8 threads (the pthread workers its threaded
 * build starts up front, Emscripten PTHREAD_POOL_SIZE) and at most one per two logical cores (it takes
 * hardwareConcurrency / 2 as the physical cores), whatever setThreadsCount asks.
 */
export const WASM_MAX_THREADS = 8;
export const LOGICAL_CORES_PER_THREAD = 2;

export interface WasmThreadEnv {
  /** `crossOriginIsolated` in the worker: COOP same-origin + COEP require-corp were served. */
  readonly crossOriginIsolated: boolean;
  /** TF.js's WASM_HAS_MULTITHREAD_SUPPORT: SharedArrayBuffer can be posted and WebAssembly threads validate. */
  readonly threadsSupported: boolean;
  /** TF.js's WASM_HAS_SIMD_SUPPORT: TF.js has no threaded binary without SIMD. */
  readonly simdSupported: boolean;
  /** `navigator.hardwareConcurrency`: logical cores (undefined where the browser does not tell). */
  readonly cores: number | undefined;
}

export interface WasmThreadPlan {
  /** Threads XNNPACK runs on: 1 means the single-threaded binary or a one-thread pool. */
  readonly threads: number;
  /** Why there is only one thread, in words; absent when threaded. */
  readonly why?: string;
}

export function wasmThreadPlan(env: WasmThreadEnv): WasmThreadPlan {
  if (!env.simdSupported) return { threads: 1, why: 'this browser has no WebAssembly SIMD' };
  if (!env.crossOriginIsolated) return { threads: 1, why: 'the page is not cross-origin isolated' };
  if (!env.threadsSupported) return { threads: 1, why: 'this browser has no WebAssembly threads' };
  const cores = env.cores !== undefined && Number.isFinite(env.cores) ? Math.floor(env.cores) : 0;
  if (cores < 1) return { threads: 1, why: 'the browser does not tell how many cores this device has' };
  const threads = Math.min(WASM_MAX_THREADS, Math.floor(cores / LOGICAL_CORES_PER_THREAD));
  if (threads < 2)
    return {
      threads: 1,
      why: `TF.js runs one thread per ${LOGICAL_CORES_PER_THREAD} logical cores and this device has ${cores}`,
    };
  return { threads };
}

/** The WASM backend's adapter text: "WASM SIMD, 2 threads" or "WASM SIMD, 1 thread: the page is not …". */
export function describeWasm(simd: boolean, threads: number, why?: string): string {
  const base = simd ? 'WASM SIMD' : 'WASM';
  if (threads > 1) return `${base}, ${threads} threads`;
  return why ? `${base}, 1 thread: ${why}` : `${base}, 1 thread`;
}
