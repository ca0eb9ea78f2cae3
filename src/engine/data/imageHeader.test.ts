import { describe, expect, it } from 'vitest';
import { imageDimensions } from './imageHeader';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];

describe('imageDimensions', () => {
  it('reads PNG IHDR', () => {
    const png = bytes(
      [0x89],
      'PNG',
      [13, 10, 26, 10],
      be32(13),
      'IHDR',
      be32(8000),
      be32(6250),
      [8, 6, 0, 0, 0],
    );
    expect(imageDimensions(png)).toEqual({ width: 8000, height: 6250 });
  });
  it('reads GIF and BMP (negative BMP height = top-down)', () => {
    expect(imageDimensions(bytes('GIF89a', le16(300), le16(200), [0, 0, 0]))).toEqual({
      width: 300,
      height: 200,
    });
    const bmp = bytes('BM', le32(0), le32(0), le32(54), le32(40), le32(640), le32(-480 >>> 0), [1, 0, 24, 0]);
    expect(imageDimensions(bmp)).toEqual({ width: 640, height: 480 });
  });
  it('finds a JPEG frame header behind other segments', () => {
    const app1 = [0xff, 0xe1, ...be16(2 + 6), ...Array<number>(6).fill(0)];
    const sof2 = [0xff, 0xc2, ...be16(17), 8, ...be16(4000), ...be16(6000), 3];
    const jpeg = bytes([0xff, 0xd8], app1, [0xff, 0xc4, ...be16(4), 0, 0], sof2, Array<number>(12).fill(0));
    expect(imageDimensions(jpeg)).toEqual({ width: 6000, height: 4000 });
    expect(imageDimensions(bytes([0xff, 0xd8], app1))).toBeNull(); // cut short
  });
  it('reads the three WebP kinds', () => {
    const riff = (chunk: string, body: number[]) => bytes('RIFF', le32(0), 'WEBP', chunk, le32(0), body);
    const vp8 = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(320), ...le16(240)]);
    expect(imageDimensions(vp8)).toEqual({ width: 320, height: 240 });
    const bits = (100 - 1) | ((50 - 1) << 14);
    expect(imageDimensions(riff('VP8L', [0x2f, ...le32(bits)]))).toEqual({ width: 100, height: 50 });
    const u24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
    const vp8x = riff('VP8X', [0, 0, 0, 0, ...u24(9999), ...u24(4999)]);
    expect(imageDimensions(vp8x)).toEqual({ width: 10000, height: 5000 });
  });
  it('says null for anything else', () => {
    expect(imageDimensions(bytes('hello, this is not an image at all'))).toBeNull();
    expect(imageDimensions(new Uint8Array(0))).toBeNull();
  });
});
