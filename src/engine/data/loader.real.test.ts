/**
 * Loads the real prepared datasets (public/datasets, written by `npm run datasets`) through loadDataset with a fetch
 * that reads the disk — the same path the worker takes over HTTP. Skipped when the datasets have not been prepared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './loader';
import type { DatasetId } from './types';

const PUBLIC = join(process.cwd(), 'public');

const diskFetch: typeof fetch = async (input) => {
  const path = join(PUBLIC, new URL(String(input)).pathname);
  if (!existsSync(path)) return new Response('', { status: 404 });
  return new Response(readFileSync(path));
};

describe.each<[DatasetId, number]>([
  ['mnist', 10],
  ['fashion-mnist', 10],
])('real %s', (id, classes) => {
  const present = existsSync(join(PUBLIC, 'datasets', id, 'manifest.json'));
  it.skipIf(!present)('loads 60,000 train and 10,000 test images with every class present', async () => {
    let last = 0;
    let total = -1;
    const ds = await loadDataset(id, {
      baseUrl: 'http://local',
      fetch: diskFetch,
      onProgress: (p) => {
        last = p.loadedBytes;
        total = p.totalBytes;
      },
    });
    expect(last).toBe(total);
    expect(ds.train.count).toBe(60000);
    expect(ds.test.count).toBe(10000);
    expect(ds.train.images.length).toBe(60000 * 784);
    expect(ds.classNames).toHaveLength(classes);
    const counts = new Array<number>(classes).fill(0);
    for (const l of ds.test.labels) counts[l]! += 1;
    for (const n of counts) expect(n).toBeGreaterThan(800);
    // Images are real pictures: dark background with bright strokes.
    let bright = 0;
    for (let i = 0; i < 784 * 100; i++) if ((ds.test.images[i] ?? 0) > 200) bright++;
    expect(bright).toBeGreaterThan(100 * 20);
  });
});
