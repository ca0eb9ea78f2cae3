import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { datasetZip, imageRgba, safeName, zipPaths } from './exportZip';

describe('export zip', () => {
  it('converts grey and RGB pixels to RGBA', () => {
    const grey = makeUserDataset({ shape: [1, 2, 1], count: 2 }).data;
    // image 1 holds (7, 8)
    expect([...imageRgba(grey, [1, 2, 1], 1)]).toEqual([7, 7, 7, 255, 8, 8, 8, 255]);
    const rgb = makeUserDataset({ shape: [1, 1, 3], count: 3 }).data;
    // image 2 holds (14, 15, 16)
    expect([...imageRgba(rgb, [1, 1, 3], 2)]).toEqual([14, 15, 16, 255]);
  });

  it('puts each image in its class folder under its own name, made safe and unique', () => {
    const { meta, data } = makeUserDataset({ count: 4, classes: 2 });
    const named = {
      ...data,
      names: ['cats/a.jpg', 'dogs/b.png', 'x/cats/a.png', 'camera 12'],
      labels: Uint8Array.from([0, 1, 0, 1]),
    };
    expect(zipPaths({ classNames: ['cats', 'Dogs/wolves'] }, named)).toEqual([
      'cats/a.png',
      'Dogs_wolves/b.png',
      'cats/a-2.png',
      'Dogs_wolves/camera 12.png',
    ]);
    expect(
      zipPaths({ classNames: ['..', 'A', 'a'] }, { ...named, labels: Uint8Array.from([0, 1, 2, 2]) }),
    ).toEqual(['class 1/a.png', 'A/b.png', 'a-2/a.png', 'a-2/camera 12.png']);
    expect(safeName(' x: y. ', 'f')).toBe('x_ y');
    expect(meta.classNames).toEqual(['c0', 'c1']);
  });

  it('zips every image, with progress, and stops when aborted', async () => {
    const { meta, data } = makeUserDataset({ shape: [1, 2, 1], count: 3 });
    const encoded: number[][] = [];
    const encode = (rgba: Uint8ClampedArray, w: number, h: number) => {
      encoded.push([w, h, ...rgba]);
      return Promise.resolve(Uint8Array.from([w, h, rgba[0] ?? 0]));
    };
    const progress: number[] = [];
    const zip = await datasetZip(meta, data, { encode, onProgress: (d) => progress.push(d) });
    const files = unzipSync(zip!);
    expect(Object.keys(files).sort()).toEqual(['c0/0.png', 'c0/2.png', 'c1/1.png']);
    expect([...files['c1/1.png']!]).toEqual([2, 1, 7]);
    expect(encoded[0]).toEqual([2, 1, 0, 0, 0, 255, 1, 1, 1, 255]);
    expect(progress).toEqual([3]);
    const stop = new AbortController();
    stop.abort();
    expect(await datasetZip(meta, data, { encode, signal: stop.signal })).toBeNull();
  });
});
