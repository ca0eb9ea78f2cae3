import { describe, expect, it } from 'vitest';
import { datasetUrl, loadDataset } from './loader';
import { fakeFetch, makeFixture, spaFallbackFetch, type Fixture } from './testFixtures';
import { DatasetError, type LoadProgress } from './types';

const BASE = 'http://test';

async function loadError(fx: Fixture, edit: (files: Map<string, Uint8Array>) => void): Promise<DatasetError> {
  const files = new Map<string, Uint8Array>(fx.files);
  edit(files);
  const err = await loadDataset('mnist', { baseUrl: BASE, fetch: fakeFetch(files) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatasetError);
  return err as DatasetError;
}

function setManifest(files: Map<string, Uint8Array>, edit: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Record<string, unknown>;
  edit(m);
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(m)));
}

describe('loadDataset', () => {
  it('loads, verifies and decodes a dataset with progress up to the total', async () => {
    const fx = await makeFixture();
    const events: LoadProgress[] = [];
    const requested: string[] = [];
    const ds = await loadDataset('mnist', {
      baseUrl: `${BASE}/`,
      fetch: fakeFetch(fx.files, requested),
      onProgress: (p) => events.push(p),
    });
    expect(requested[0]).toBe('http://test/datasets/mnist/manifest.json');
    expect(ds.id).toBe('mnist');
    expect(ds.shape).toEqual([28, 28, 1]);
    expect(ds.train.count).toBe(30);
    expect(ds.test.count).toBe(12);
    expect(Buffer.from(ds.train.images).equals(Buffer.from(fx.raw.trainImages))).toBe(true);
    expect([...ds.train.labels]).toEqual([...fx.raw.trainLabels]);
    expect(Buffer.from(ds.test.images).equals(Buffer.from(fx.raw.testImages))).toBe(true);
    expect([...ds.test.labels]).toEqual([...fx.raw.testLabels]);

    const total = fx.manifest.files.reduce((s, f) => s + f.bytes, 0);
    expect(events.length).toBeGreaterThan(5);
    expect(events.every((e) => e.totalBytes === total)).toBe(true);
    expect(events.at(-1)?.loadedBytes).toBe(total);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.loadedBytes).toBeGreaterThanOrEqual(events[i - 1]!.loadedBytes);
    }
    const named = new Set(events.map((e) => e.file));
    for (const f of fx.manifest.files) expect(named.has(`mnist/${f.name}`)).toBe(true);
  });

  it('reports a truncated file with its name and the expected and actual sizes', async () => {
    const fx = await makeFixture();
    const entry = fx.manifest.files.find((f) => f.role === 'trainImages')!;
    const err = await loadError(fx, (files) =>
      files.set(entry.name, files.get(entry.name)!.slice(0, entry.bytes - 10)),
    );
    expect(err.code).toBe('truncated');
    expect(err.file).toBe('mnist/train-images.bin.gzip');
    expect(err.message).toContain(String(entry.bytes));
    expect(err.message).toContain(String(entry.bytes - 10));
  });

  it('reports a corrupted byte in an uncompressed file as corrupt (only the sha256 can see it)', async () => {
    const fx = await makeFixture();
    const err = await loadError(fx, (files) => {
      const bad = Uint8Array.from(files.get('test-images.bin')!);
      bad[100] = (bad[100]! + 1) % 256; // still a valid pixel: nothing but the checksum notices
      files.set('test-images.bin', bad);
    });
    expect(err.code).toBe('corrupt');
    expect(err.file).toBe('mnist/test-images.bin');
    expect(err.message).toMatch(/sha256/);
  });

  it('reports a corrupted byte in a gzip file as corrupt', async () => {
    const fx = await makeFixture();
    const err = await loadError(fx, (files) => {
      const bad = Uint8Array.from(files.get('train-labels.bin.gzip')!);
      bad[20] = bad[20]! ^ 0xff;
      files.set('train-labels.bin.gzip', bad);
    });
    expect(err.code).toBe('corrupt');
    expect(err.file).toBe('mnist/train-labels.bin.gzip');
  });

  it('reports a file longer than listed as corrupt', async () => {
    const fx = await makeFixture();
    const err = await loadError(fx, (files) => {
      const f = files.get('test-labels.bin')!;
      const longer = new Uint8Array(f.length + 3);
      longer.set(f);
      files.set('test-labels.bin', longer);
    });
    expect(err.code).toBe('corrupt');
    expect(err.file).toBe('mnist/test-labels.bin');
  });

  it('reports a missing file and a missing manifest', async () => {
    const fx = await makeFixture();
    const err = await loadError(fx, (files) => files.delete('test-labels.bin'));
    expect(err.code).toBe('missing');
    expect(err.file).toBe('mnist/test-labels.bin');
    expect(err.message).toContain('404');
    const noManifest = await loadError(fx, (files) => files.delete('manifest.json'));
    expect(noManifest.code).toBe('missing');
    expect(noManifest.file).toBe('mnist/manifest.json');
  });

  it('reports a file the server answers with its index.html page (vite preview, status 200) as missing', async () => {
    const fx = await makeFixture();
    for (const contentType of ['text/html; charset=utf-8', null]) {
      const files = new Map<string, Uint8Array>(fx.files);
      files.delete('train-images.bin.gzip');
      const err = await loadDataset('mnist', {
        baseUrl: BASE,
        fetch: spaFallbackFetch(files, contentType),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatasetError);
      const e = err as DatasetError;
      expect(e.code, `content type ${contentType}`).toBe('missing');
      expect(e.file).toBe('mnist/train-images.bin.gzip');
      expect(e.message).toContain('not on the server');
      expect(e.message).toContain('npm run datasets');
    }
    // The manifest too: it used to read as "not valid JSON".
    const noManifest = new Map<string, Uint8Array>(fx.files);
    noManifest.delete('manifest.json');
    const err = await loadDataset('mnist', {
      baseUrl: BASE,
      fetch: spaFallbackFetch(noManifest, null),
    }).catch((e: unknown) => e);
    expect((err as DatasetError).code).toBe('missing');
    expect((err as DatasetError).file).toBe('mnist/manifest.json');
  });

  it('keeps a short file truncated and a changed one corrupt when the server also has a fallback page', async () => {
    const fx = await makeFixture();
    const entry = fx.manifest.files.find((f) => f.role === 'testImages')!;
    const short = new Map<string, Uint8Array>(fx.files);
    short.set(entry.name, fx.files.get(entry.name)!.slice(0, entry.bytes - 1));
    const truncated = await loadDataset('mnist', { baseUrl: BASE, fetch: spaFallbackFetch(short) }).catch(
      (e: unknown) => e,
    );
    expect((truncated as DatasetError).code).toBe('truncated');
    // A file of the listed size that begins like a web page is a file, judged by its checksum.
    const html = new TextEncoder().encode('<!doctype html>');
    const changed = Uint8Array.from(fx.files.get(entry.name)!);
    changed.set(html);
    const same = new Map<string, Uint8Array>(fx.files);
    same.set(entry.name, changed);
    const corrupt = await loadDataset('mnist', { baseUrl: BASE, fetch: spaFallbackFetch(same) }).catch(
      (e: unknown) => e,
    );
    expect((corrupt as DatasetError).code).toBe('corrupt');
    expect((corrupt as DatasetError).message).toMatch(/sha256/);
  });

  it('reports a bad manifest with the path of the bad field', async () => {
    const fx = await makeFixture();
    const err = await loadError(fx, (files) =>
      setManifest(files, (m) => {
        (m['files'] as Record<string, unknown>[])[1]!['sha256'] = 'xyz';
      }),
    );
    expect(err.code).toBe('badManifest');
    expect(err.file).toBe('mnist/manifest.json');
    expect((err as DatasetError & { field?: string }).field).toBe('files[1].sha256');
    expect(err.message).toContain('files[1].sha256');

    const wrongName = await loadError(fx, (files) =>
      setManifest(files, (m) => (m['name'] = 'fashion-mnist')),
    );
    expect(wrongName.code).toBe('badManifest');
    expect(wrongName.message).toContain('name');

    const notJson = await loadError(fx, (files) =>
      files.set('manifest.json', new TextEncoder().encode('{oops')),
    );
    expect(notJson.code).toBe('badManifest');
  });

  it('reports counts that do not match the files', async () => {
    const fx = await makeFixture();
    const err = await loadError(fx, (files) =>
      setManifest(files, (m) => (m['counts'] = { train: 31, test: 12 })),
    );
    expect(err.code).toBe('countMismatch');
    expect(err.file).toBe('mnist/train-images.bin.gzip');
    expect(err.message).toContain(String(31 * 784));
  });

  it('reports a network failure with the file name', async () => {
    const fx = await makeFixture();
    const failing: typeof fetch = (input) =>
      String(input).endsWith('manifest.json')
        ? fakeFetch(fx.files)(input)
        : Promise.reject(new TypeError('offline'));
    const err = await loadDataset('mnist', { baseUrl: BASE, fetch: failing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).code).toBe('network');
    expect((err as DatasetError).message).toContain('offline');
  });

  it('makes the procedural dataset in code, without fetching', async () => {
    const never: typeof fetch = () => Promise.reject(new Error('must not fetch'));
    const ds = await loadDataset('procedural', {
      baseUrl: BASE,
      fetch: never,
      procedural: { seed: 4, train: 20, test: 10 },
    });
    expect(ds.id).toBe('procedural');
    expect(ds.train.count).toBe(20);
    expect(ds.test.images.length).toBe(10 * 784);
  });

  it('builds URLs under the base path', () => {
    expect(datasetUrl('http://h/app/', 'mnist', 'manifest.json')).toBe(
      'http://h/app/datasets/mnist/manifest.json',
    );
    expect(datasetUrl('', 'fashion-mnist', 'a.bin')).toBe('/datasets/fashion-mnist/a.bin');
  });
});
