/**
 * Which TF.js backend a run uses, the policy that picks it, and what the pick reports (src/engine/backend/select.ts).
 * Plain data, no TF.js: the app may import it.
 */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** How the UI and the worker's progress messages name each backend. */
export const BACKEND_LABEL: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};
export type BackendPolicy = 'auto' | BackendName;

export interface BackendInfo {
  readonly name: BackendName;
  /** e.g. the WebGPU adapter description, "SwiftShader", "WASM SIMD". */
  readonly adapter: string;
  /** Why this backend was chosen, in words. */
  readonly reason: string;
  /** Measured examples/s per backend tried (auto policy). */
  readonly measured: readonly {
    readonly backend: BackendName;
    readonly examplesPerSec: number | null;
    readonly note: string;
  }[];
}
