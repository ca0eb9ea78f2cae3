/**
 * The browser decoder's calls to createImageBitmap (stubbed in Node): every decode asks for the EXIF orientation to be
 * applied, the downscaled ones too; a browser that does not know the option decodes without it. The real decode of a
 * tagged JPEG is in e2e/prepare-worker.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBitmapDecoder, SMALL_FILE_BYTES } from './decodeImage';

interface Call {
  readonly src: unknown;
  readonly opts: ImageBitmapOptions | undefined;
}

let calls: Call[];
/** The size the next decode of a file gives, and whether the option is refused as an older browser does. */
let decoded: { width: number; height: number };
let refuseOrientation: boolean;

class FakeCanvas {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}
  getContext() {
    return {
      clearRect: () => undefined,
      drawImage: () => undefined,
      getImageData: (_x: number, _y: number, w: number, h: number) => ({
        data: new Uint8ClampedArray(w * h * 4),
      }),
    };
  }
}

beforeEach(() => {
  calls = [];
  decoded = { width: 40, height: 30 };
  refuseOrientation = false;
  vi.stubGlobal('OffscreenCanvas', FakeCanvas);
  vi.stubGlobal('createImageBitmap', (src: unknown, opts?: ImageBitmapOptions) => {
    calls.push({ src, opts });
    if (refuseOrientation && opts?.imageOrientation !== undefined)
      return Promise.reject(new TypeError("The provided value 'from-image' is not a valid enum value"));
    // A resize keeps the aspect, as resizeWidth alone does.
    const from = src instanceof Blob ? decoded : (src as { width: number; height: number });
    const width = opts?.resizeWidth ?? from.width;
    const height = Math.round((from.height * width) / from.width);
    return Promise.resolve({ width, height, close: () => undefined });
  });
});
afterEach(() => vi.unstubAllGlobals());

/** A PNG whose header says width × height, padded to `bytes`. */
function png(width: number, height: number, bytes: number): Blob {
  const b = new Uint8Array(bytes);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return new Blob([b], { type: 'image/png' });
}

describe('bitmap decoder', () => {
  it('applies the EXIF orientation to a small file decoded whole', async () => {
    const img = await createBitmapDecoder()(png(40, 30, 100), 28);
    expect([img.width, img.height]).toEqual([40, 30]);
    expect(calls.map((c) => c.opts)).toEqual([{ imageOrientation: 'from-image' }]);
  });

  it('and to a large photo decoded downscaled from its header’s size', async () => {
    decoded = { width: 4000, height: 3000 };
    await createBitmapDecoder()(png(4000, 3000, SMALL_FILE_BYTES + 1), 28);
    expect(calls.map((c) => c.opts)).toEqual([
      { resizeWidth: 149, resizeQuality: 'high', imageOrientation: 'from-image' },
    ]);
  });

  it('and to a small file of a large picture, shrunk as a bitmap after the decode', async () => {
    decoded = { width: 2000, height: 1000 };
    const img = await createBitmapDecoder()(png(2000, 1000, 100), 28);
    expect(calls.map((c) => c.opts)).toEqual([
      { imageOrientation: 'from-image' },
      { resizeWidth: 224, resizeQuality: 'high', imageOrientation: 'from-image' },
    ]);
    expect([img.width, img.height]).toEqual([224, 112]);
  });

  it('a browser that does not know the option decodes without it, and is not asked again', async () => {
    refuseOrientation = true;
    const decode = createBitmapDecoder();
    await decode(png(40, 30, 100), 28);
    await decode(png(40, 30, 100), 28);
    expect(calls.map((c) => c.opts)).toEqual([{ imageOrientation: 'from-image' }, {}, {}]);
  });

  it('a picture that cannot be decoded still fails', async () => {
    vi.stubGlobal('createImageBitmap', () =>
      Promise.reject(new DOMException('The source image could not be decoded.', 'InvalidStateError')),
    );
    await expect(createBitmapDecoder()(png(40, 30, 100), 28)).rejects.toThrow('could not be decoded');
  });
});
