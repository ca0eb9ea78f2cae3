// Types for bench/gpu.mjs, for the TypeScript that imports it (bench/gpu.test.ts).
export interface GpuSeen {
  readonly webgpu: {
    readonly vendor: string;
    readonly architecture: string;
    readonly description: string;
    readonly fallback: boolean;
  } | null;
  readonly webgl: string | null;
}
export declare const GPU_CHROMIUM_ARGS: readonly string[];
export declare function judgeGpu(seen: GpuSeen): { hardware: boolean; webgpu: string; webgl: string };
export declare function seeGpu(page: unknown): Promise<GpuSeen>;
