/** A minimal grey-scale PNG encoder (zlib from Node) for writing sample grids next to measured results. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const body = Buffer.concat([head.subarray(4), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

/** `pixels` is h×w uint8 grey, row-major. */
export function encodeGreyPng(pixels: Uint8Array, w: number, h: number): Buffer {
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0;
    raw.set(pixels.subarray(y * w, (y + 1) * w), y * (w + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Tiles `count` images of s×s into a grid `cols` wide with a 2-pixel gap, scaled by `scale`. */
export function tile(
  images: Uint8Array,
  count: number,
  s: number,
  cols: number,
  scale = 2,
): { pixels: Uint8Array; w: number; h: number } {
  const rows = Math.ceil(count / cols);
  const cell = s * scale + 2;
  const w = cols * cell;
  const h = rows * cell;
  const out = new Uint8Array(w * h).fill(40);
  for (let i = 0; i < count; i++) {
    const ox = (i % cols) * cell + 1;
    const oy = Math.floor(i / cols) * cell + 1;
    for (let y = 0; y < s * scale; y++)
      for (let x = 0; x < s * scale; x++)
        out[(oy + y) * w + ox + x] = images[
          i * s * s + Math.floor(y / scale) * s + Math.floor(x / scale)
        ] as number;
  }
  return { pixels: out, w, h };
}
