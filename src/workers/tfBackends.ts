/**
 * The TF.js side of backend selection, in the worker: registers WebGPU, WebGL (OffscreenCanvas), WASM (the threaded
 * SIMD binary when this worker is cross-origin isolated, else the single-threaded SIMD one: see wasmThreads.ts) and
 * CPU, and tells which ones exist here and on what adapter — without initialising them (a TF.js backend is only set
 * up when the selector activates it), so probing costs milliseconds.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmKernels } from '../engine/backend/wasmKernels';
import { BACKEND_ORDER } from '../engine/backend/select';
import type { BackendEnv, BackendProbe } from '../engine/backend/select';
import type { BackendName } from '../engine/backend/types';
import { describeWasm, wasmThreadPlan } from '../engine/backend/wasmThreads';
import type { WasmThreadPlan } from '../engine/backend/wasmThreads';
import { createIdbMeasurementStore } from './backendStore';
import type { DeviceLimits } from './sizeCheck';

interface GpuAdapterLike {
  readonly info?: {
    readonly vendor?: string;
    readonly architecture?: string;
    readonly description?: string;
    readonly device?: string;
  };
  readonly isFallbackAdapter?: boolean;
  readonly limits?: { readonly maxBufferSize?: number; readonly maxStorageBufferBindingSize?: number };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}
interface GlLike {
  getExtension(name: string): { readonly UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
}

/** Software renderers: a GPU backend on one of these is slower than WASM (SwiftShader, Mesa llvmpipe, WARP). */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|warp/i;

async function webgpuAdapter(): Promise<{ text: string; software: boolean } | null> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return null;
  const i = adapter.info;
  const text = [i?.description, i?.vendor, i?.architecture, i?.device]
    .filter((s) => s && s.length > 0)
    .join(' ');
  const fallback = adapter.isFallbackAdapter === true;
  return {
    text: (text || 'WebGPU adapter') + (fallback ? ' (software fallback)' : ''),
    software: fallback || SOFTWARE.test(text),
  };
}

/** The WebGL renderer string from a throwaway context, without starting TF.js's WebGL backend. */
function webglProbe(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as unknown as
      (GlLike & { getExtension(n: 'WEBGL_lose_context'): { loseContext(): void } | null }) | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : null;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return typeof r === 'string' ? r : 'WebGL 2';
  } catch {
    return null;
  }
}

const wasmFlag = (name: string): Promise<boolean> =>
  Promise.resolve(tf.env().getAsync(name)).then(
    (v) => v === true,
    () => false,
  );

let wasmPlan: Promise<{ readonly simd: boolean; readonly plan: WasmThreadPlan }> | null = null;

/**
 * Reads what decides the WASM binary and its thread count (once per worker) and tells TF.js; runs before the WASM
 * backend is first set up (TF.js reads both when it initialises). Planned for one thread (e.g. 2 logical cores, which
 * TF.js gives one thread), TF.js is told there are no threads, so it loads today's single-threaded SIMD binary rather
 * than the threaded one with 8 idle pthread workers.
 */
function planWasm(): Promise<{ readonly simd: boolean; readonly plan: WasmThreadPlan }> {
  return (wasmPlan ??= (async () => {
    const [simd, threadsSupported] = await Promise.all([
      wasmFlag('WASM_HAS_SIMD_SUPPORT'),
      wasmFlag('WASM_HAS_MULTITHREAD_SUPPORT'),
    ]);
    const plan = wasmThreadPlan({
      crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
      threadsSupported,
      simdSupported: simd,
      cores: typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
    });
    if (plan.threads > 1) setThreadsCount(plan.threads);
    else if (threadsSupported) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return { simd, plan };
  })());
}

/** The threads XNNPACK really got, once the WASM backend is set up (null if TF.js cannot tell). */
function wasmThreadsInUse(): number | null {
  try {
    const n = getThreadsCount();
    return Number.isInteger(n) && n >= 1 ? n : null;
  } catch {
    return null;
  }
}

let wasmReady = false;

async function trySet(name: BackendName): Promise<boolean> {
  try {
    if (name === 'wasm') await planWasm();
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    if (ok && name === 'wasm' && !wasmReady) {
      registerWasmKernels();
      wasmReady = true;
    }
    return ok;
  } catch {
    return false;
  }
}

async function probeOne(name: BackendName): Promise<BackendProbe> {
  switch (name) {
    case 'webgpu': {
      const a = await webgpuAdapter();
      return a
        ? { name, available: true, adapter: a.text, software: a.software }
        : { name, available: false, adapter: 'no WebGPU adapter' };
    }
    case 'webgl': {
      const r = webglProbe();
      return r
        ? { name, available: true, adapter: `WebGL: ${r}`, software: SOFTWARE.test(r) }
        : { name, available: false, adapter: 'no WebGL 2 context' };
    }
    case 'wasm': {
      if (typeof WebAssembly !== 'object') return { name, available: false, adapter: 'no WebAssembly' };
      const { simd, plan } = await planWasm();
      return { name, available: true, adapter: describeWasm(simd, plan.threads, plan.why) };
    }
    case 'cpu':
      return { name, available: true, adapter: 'CPU (plain JavaScript)' };
    default: {
      const never: never = name;
      return never;
    }
  }
}

const GL_MAX_TEXTURE_SIZE = 0x0d33;

function webglMaxTextureSize(): number | undefined {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as unknown as
      (GlLike & { getExtension(n: 'WEBGL_lose_context'): { loseContext(): void } | null }) | null;
    const size = gl?.getParameter(GL_MAX_TEXTURE_SIZE);
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return typeof size === 'number' && size > 0 ? size : undefined;
  } catch {
    return undefined;
  }
}

const positive = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;

async function readDeviceLimits(): Promise<DeviceLimits> {
  const nav = globalThis.navigator as { deviceMemory?: number; gpu?: GpuLike } | undefined;
  const heap = (globalThis.performance as { memory?: { jsHeapSizeLimit?: number } } | undefined)?.memory;
  const adapter = nav?.gpu ? await nav.gpu.requestAdapter().catch(() => null) : null;
  const buf = positive(adapter?.limits?.maxBufferSize);
  const binding = positive(adapter?.limits?.maxStorageBufferBindingSize);
  const gpuBytes = buf !== undefined && binding !== undefined ? Math.min(buf, binding) : (buf ?? binding);
  const tex = webglMaxTextureSize();
  const memory = positive(nav?.deviceMemory);
  const heapLimit = positive(heap?.jsHeapSizeLimit);
  return {
    ...(memory !== undefined ? { deviceMemoryGiB: memory } : {}),
    ...(heapLimit !== undefined ? { jsHeapLimitBytes: heapLimit } : {}),
    ...(gpuBytes !== undefined ? { webgpuMaxBufferBytes: gpuBytes } : {}),
    ...(tex !== undefined ? { webglMaxTextureSize: tex } : {}),
  };
}

let limits: Promise<DeviceLimits> | null = null;
/** What the browser tells about this device's memory and GPU buffers; asked once per worker. */
export const deviceLimits = (): Promise<DeviceLimits> => (limits ??= readDeviceLimits());

export function createTfBackendEnv(): BackendEnv {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  });
  let deviceKey = typeof navigator === 'undefined' ? 'node' : navigator.userAgent;
  let probed: BackendProbe[] | null = null;
  return {
    get deviceKey() {
      return deviceKey;
    },
    async probe(): Promise<readonly BackendProbe[]> {
      const out: BackendProbe[] = [];
      for (const name of BACKEND_ORDER) out.push(await probeOne(name));
      deviceKey += '|' + out.map((p) => `${p.name}:${p.adapter}`).join(',');
      probed = out;
      return out;
    },
    store: createIdbMeasurementStore(),
    async activate(name: BackendName): Promise<boolean> {
      const ok = await trySet(name);
      // The probe told the plan; once WASM runs, its entry (the array the selector keeps) tells the threads it got.
      const i = probed?.findIndex((p) => p.name === 'wasm') ?? -1;
      const threads = ok && name === 'wasm' ? wasmThreadsInUse() : null;
      if (probed && i >= 0 && threads !== null) {
        const { simd, plan } = await planWasm();
        const entry = probed[i]!;
        probed[i] = { ...entry, adapter: describeWasm(simd, threads, threads > 1 ? undefined : plan.why) };
      }
      return ok;
    },
  };
}
