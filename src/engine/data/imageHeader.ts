/**
 * An image's width and height from the first bytes of its file (PNG, JPEG, GIF, BMP, WebP), without decoding it: the
 * preparation worker asks createImageBitmap for a downscaled decode of a large photo (prepare.ts decodeScale), and
 * must know how large it is first. null when the bytes are not one of these formats or are cut short (the worker then
 * decodes at full size). The sizes are the stored ones: a JPEG's EXIF rotation is not applied.
 */
export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
}

/** Enough bytes for every header here, EXIF and ICC segments in front of a JPEG's frame included. */
export const HEADER_BYTES = 512 * 1024;

const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

function jpeg(b: Uint8Array, v: DataView): ImageDimensions | null {
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // no length
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: v.getUint16(at + 5), width: v.getUint16(at + 7) };
    if (marker === 0xd9 || marker === 0xda) return null; // end, or scan data before any frame header
    at += 2 + v.getUint16(at + 2);
  }
  return null;
}

function webp(b: Uint8Array, v: DataView): ImageDimensions | null {
  if (ascii(b, 12, 'VP8 ') && b.length >= 30)
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  if (ascii(b, 12, 'VP8L') && b.length >= 25) {
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(b, 12, 'VP8X') && b.length >= 30) {
    const u24 = (at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  return null;
}

export function imageDimensions(bytes: Uint8Array): ImageDimensions | null {
  const b = bytes;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let dims: ImageDimensions | null = null;
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 'PNG') && ascii(b, 12, 'IHDR'))
    dims = { width: v.getUint32(16), height: v.getUint32(20) };
  else if (b.length >= 10 && (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')))
    dims = { width: v.getUint16(6, true), height: v.getUint16(8, true) };
  else if (b.length >= 26 && ascii(b, 0, 'BM')) {
    const core = v.getUint32(14, true) === 12;
    dims = core
      ? { width: v.getUint16(18, true), height: v.getUint16(20, true) }
      : { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
  } else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) dims = jpeg(b, v);
  else if (b.length >= 16 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) dims = webp(b, v);
  return dims && dims.width > 0 && dims.height > 0 ? dims : null;
}
