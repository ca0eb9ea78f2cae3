import { describe, expect, it } from 'vitest';
import { describeWasm, WASM_MAX_THREADS, wasmThreadPlan } from './wasmThreads';
import type { WasmThreadEnv } from './wasmThreads';

const isolated: WasmThreadEnv = {
  crossOriginIsolated: true,
  threadsSupported: true,
  simdSupported: true,
  cores: 8,
};

describe('wasmThreadPlan', () => {
  it('gives one thread per two logical cores when the page is cross-origin isolated', () => {
    expect(wasmThreadPlan(isolated)).toEqual({ threads: 4 });
    expect(wasmThreadPlan({ ...isolated, cores: 4 })).toEqual({ threads: 2 });
    expect(wasmThreadPlan({ ...isolated, cores: 5 })).toEqual({ threads: 2 });
    expect(wasmThreadPlan({ ...isolated, cores: 12 })).toEqual({ threads: 6 });
  });

  it('never asks for more threads than TF.js starts pthread workers for', () => {
    expect(wasmThreadPlan({ ...isolated, cores: 16 })).toEqual({ threads: WASM_MAX_THREADS });
    expect(wasmThreadPlan({ ...isolated, cores: 64 })).toEqual({ threads: 8 });
  });

  it('falls back to one thread without cross-origin isolation, and says so', () => {
    expect(wasmThreadPlan({ ...isolated, crossOriginIsolated: false })).toEqual({
      threads: 1,
      why: 'the page is not cross-origin isolated',
    });
    // Isolation is checked before the feature flag: without it there is no SharedArrayBuffer, so both are false.
    expect(wasmThreadPlan({ ...isolated, crossOriginIsolated: false, threadsSupported: false }).why).toBe(
      'the page is not cross-origin isolated',
    );
  });

  it('falls back to one thread without WebAssembly threads or SIMD (TF.js has no threaded non-SIMD binary)', () => {
    expect(wasmThreadPlan({ ...isolated, threadsSupported: false })).toEqual({
      threads: 1,
      why: 'this browser has no WebAssembly threads',
    });
    expect(wasmThreadPlan({ ...isolated, simdSupported: false })).toEqual({
      threads: 1,
      why: 'this browser has no WebAssembly SIMD',
    });
  });

  it('gives one thread on 2 or 3 logical cores (TF.js counts two per physical core) and says why', () => {
    expect(wasmThreadPlan({ ...isolated, cores: 2 })).toEqual({
      threads: 1,
      why: 'TF.js runs one thread per 2 logical cores and this device has 2',
    });
    expect(wasmThreadPlan({ ...isolated, cores: 3 }).threads).toBe(1);
    expect(wasmThreadPlan({ ...isolated, cores: 1 }).threads).toBe(1);
  });

  it('gives one thread when the browser does not tell the core count', () => {
    for (const cores of [undefined, 0, Number.NaN]) {
      expect(wasmThreadPlan({ ...isolated, cores })).toEqual({
        threads: 1,
        why: 'the browser does not tell how many cores this device has',
      });
    }
  });
});

describe('describeWasm', () => {
  it('names the binary and the thread count', () => {
    expect(describeWasm(true, 4)).toBe('WASM SIMD, 4 threads');
    expect(describeWasm(false, 1)).toBe('WASM, 1 thread');
    expect(describeWasm(true, 1, 'the page is not cross-origin isolated')).toBe(
      'WASM SIMD, 1 thread: the page is not cross-origin isolated',
    );
  });

  it('leaves out the reason when there are several threads', () => {
    expect(describeWasm(true, 2, 'ignored')).toBe('WASM SIMD, 2 threads');
  });
});
