/**
 * The TF.js side of backend selection, in the worker: registers WebGPU, WebGL (OffscreenCanvas), WASM (SIMD, no
 * threads, so no cross-origin isolation) and CPU, and tells which ones work and on what adapter.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmConvBackpropFilter } from '../engine/backend/conv2dBackpropFilterWasm';
import { BACKEND_ORDER } from '../engine/backend/select';
import type { BackendEnv, BackendProbe } from '../engine/backend/select';
import type { BackendName } from './protocol';

interface GpuAdapterLike {
  readonly info?: {
    readonly vendor?: string;
    readonly architecture?: string;
    readonly description?: string;
    readonly device?: string;
  };
  readonly isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}
interface GlLike {
  getExtension(name: string): { readonly UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
}

async function webgpuAdapter(): Promise<string | null> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return null;
  const i = adapter.info;
  const text = [i?.description, i?.vendor, i?.architecture, i?.device]
    .filter((s) => s && s.length > 0)
    .join(' ');
  return (text || 'WebGPU adapter') + (adapter.isFallbackAdapter ? ' (software fallback)' : '');
}

function webglRenderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: GlLike } }).gpgpu?.gl;
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  const r = ext && gl ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : null;
  return typeof r === 'string' ? `WebGL: ${r}` : 'WebGL';
}

let wasmReady = false;

async function trySet(name: BackendName): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    if (ok && name === 'wasm' && !wasmReady) {
      registerWasmConvBackpropFilter();
      wasmReady = true;
    }
    return ok;
  } catch {
    return false;
  }
}

async function adapterOf(name: BackendName): Promise<string> {
  switch (name) {
    case 'webgpu':
      return (await webgpuAdapter()) ?? 'WebGPU';
    case 'webgl':
      return webglRenderer();
    case 'wasm':
      return (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'WASM SIMD' : 'WASM';
    case 'cpu':
      return 'CPU (plain JavaScript)';
    default: {
      const never: never = name;
      return never;
    }
  }
}

export function createTfBackendEnv(): BackendEnv {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  });
  let deviceKey = typeof navigator === 'undefined' ? 'node' : navigator.userAgent;
  return {
    get deviceKey() {
      return deviceKey;
    },
    async probe(): Promise<readonly BackendProbe[]> {
      const out: BackendProbe[] = [];
      for (const name of BACKEND_ORDER) {
        if (name === 'webgpu' && (await webgpuAdapter()) === null) {
          out.push({ name, available: false, adapter: 'no WebGPU adapter' });
          continue;
        }
        const ok = await trySet(name);
        out.push({ name, available: ok, adapter: ok ? await adapterOf(name) : 'failed to initialise' });
      }
      deviceKey += '|' + out.map((p) => `${p.name}:${p.adapter}`).join(',');
      return out;
    },
    activate: trySet,
  };
}
