import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeGreyPng } from './greyPng';

/** Reads the chunks back (length, type, data) and checks each CRC against a straightforward bitwise CRC-32. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const v = new DataView(png.buffer, png.byteOffset);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < png.length;) {
    const len = v.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    let c = 0xffffffff;
    for (const b of png.subarray(at + 4, at + 8 + len)) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    expect(v.getUint32(at + 8 + len)).toBe((c ^ 0xffffffff) >>> 0);
    out.push({ type, data: png.subarray(at + 8, at + 8 + len) });
    at += 12 + len;
  }
  return out;
}

describe('encodeGreyPng', () => {
  it('writes a grey 8-bit PNG whose rows decode to the pixels', () => {
    const px = Uint8Array.from({ length: 3 * 2 }, (_, i) => i * 40);
    const png = encodeGreyPng(px, 3, 2);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = new DataView(cs[0]!.data.buffer, cs[0]!.data.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), cs[0]!.data[8], cs[0]!.data[9]]).toEqual([3, 2, 8, 0]);
    expect([...unzlibSync(cs[1]!.data)]).toEqual([0, 0, 40, 80, 0, 120, 160, 200]);
  });
  it('refuses pixels of another size', () => {
    expect(() => encodeGreyPng(new Uint8Array(5), 3, 2)).toThrow(/3×2/);
  });
});
