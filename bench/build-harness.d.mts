// Types for bench/build-harness.mjs, for the TypeScript that imports it (e2e/worker-backends.spec.ts).
export declare const HARNESS_PAGE: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function buildHarness(outDir: string, opts?: { withApp?: boolean }): Promise<void>;
export declare function previewBuilt(
  outDir: string,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }>;
