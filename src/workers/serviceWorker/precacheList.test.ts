import { describe, expect, it } from 'vitest';
import { precacheBytes, precacheManifest, roleOf, RUNTIME_PREFIX } from './precacheList';

/** What `vite build` writes, in the order a directory walk might list it. */
const BUILT = [
  'index.html',
  'sw.js',
  'manifest.webmanifest',
  'icons/icon-192.png',
  'assets/index-abc.js',
  'assets/index-abc.js.map',
  'assets/index-def.css',
  'assets/SaliencyPanel-x1.js',
  'assets/training.worker-w1.js',
  'assets/tfjs-backend-wasm-b1.wasm',
  'assets/tfjs-backend-wasm-simd-b2.wasm',
  'assets/tfjs-backend-wasm-threaded-simd-b3.wasm',
  'assets/tfjs-backend-wasm-threaded-simd-t1.js',
  'datasets/mnist/manifest.json',
  'datasets/mnist/train-images.bin.gzip',
  'datasets/fashion-mnist/manifest.json',
  'datasets/fashion-mnist/train-images.bin.gzip',
];

const contentHash = (p: string) => `h(${p})`;

describe('roleOf', () => {
  it('precaches the app, its chunks, workers, WASM and MNIST; Fashion-MNIST waits for first use', () => {
    expect(roleOf('assets/tfjs-backend-wasm-threaded-simd-t1.js')).toBe('precache');
    expect(roleOf('assets/tfjs-backend-wasm-simd-b2.wasm')).toBe('precache');
    expect(roleOf('assets/SaliencyPanel-x1.js')).toBe('precache');
    expect(roleOf('datasets/mnist/train-images.bin.gzip')).toBe('precache');
    expect(roleOf('datasets/fashion-mnist/train-images.bin.gzip')).toBe('runtime');
    expect(roleOf('sw.js')).toBe('skip');
    expect(roleOf('assets/index-abc.js.map')).toBe('skip');
  });
});

describe('precacheManifest', () => {
  it('lists each precached file once, sorted, with its content hash', () => {
    const m = precacheManifest(BUILT, contentHash, (t) => `t(${t.length})`);
    const paths = m.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('index.html');
    expect(paths).toContain('assets/tfjs-backend-wasm-threaded-simd-b3.wasm');
    expect(paths).toContain('datasets/mnist/manifest.json');
    expect(paths).not.toContain('sw.js');
    expect(paths.some((p) => p.startsWith('datasets/fashion-mnist/'))).toBe(false);
    expect(m.files.find((f) => f.path === 'index.html')?.rev).toBe('h(index.html)');
    expect(m.runtimeCache.startsWith(RUNTIME_PREFIX)).toBe(true);
  });

  it('names a new runtime cache when a runtime dataset changes, and only then', () => {
    const base = precacheManifest(BUILT, contentHash, (t) => t);
    const appChanged = precacheManifest(
      BUILT,
      (p) => (p === 'index.html' ? 'new' : contentHash(p)),
      (t) => t,
    );
    const fashionChanged = precacheManifest(
      BUILT,
      (p) => (p === 'datasets/fashion-mnist/manifest.json' ? 'new' : contentHash(p)),
      (t) => t,
    );
    expect(appChanged.runtimeCache).toBe(base.runtimeCache);
    expect(fashionChanged.runtimeCache).not.toBe(base.runtimeCache);
  });

  it('adds up the bytes a first visit downloads for offline use', () => {
    const m = precacheManifest(['index.html', 'sw.js', 'datasets/fashion-mnist/a'], contentHash, (t) => t);
    expect(precacheBytes(m, (p) => (p === 'index.html' ? 1000 : 1e9))).toBe(1000);
  });
});
