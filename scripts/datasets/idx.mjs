// Reads and validates IDX files (the original MNIST format): big-endian header, magic 0x0000080N
// where N is the number of dimensions, then the dimension sizes, then uint8 data.
import { readFileSync } from 'node:fs';
import { SourceError } from './errors.mjs';

/**
 * Parses an uncompressed IDX file of unsigned bytes and checks it against the expected dimensions.
 * @param {string} file absolute path, used in error messages
 * @param {number[]} expectDims e.g. [60000, 28, 28] for images or [60000] for labels
 * @returns {Uint8Array} the data section (a view, no header)
 */
export function readIdx(file, expectDims) {
  let buf;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new SourceError(file, `cannot read file (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseIdx(buf, file, expectDims);
}

/**
 * @param {Uint8Array} buf
 * @param {string} file
 * @param {number[]} expectDims
 */
export function parseIdx(buf, file, expectDims) {
  if (buf.length < 4) throw new SourceError(file, `file is ${buf.length} bytes, too short for an IDX header`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0, false);
  const expectMagic = 0x00000800 + expectDims.length;
  if (magic !== expectMagic) {
    throw new SourceError(
      file,
      `bad IDX magic number 0x${magic.toString(16).padStart(8, '0')}, expected 0x${expectMagic.toString(16).padStart(8, '0')} (uint8, ${expectDims.length} dimension(s))`,
    );
  }
  const headerBytes = 4 + 4 * expectDims.length;
  if (buf.length < headerBytes)
    throw new SourceError(file, `file is ${buf.length} bytes, header needs ${headerBytes}`);
  let size = 1;
  for (let d = 0; d < expectDims.length; d++) {
    const got = view.getUint32(4 + 4 * d, false);
    if (got !== expectDims[d]) {
      throw new SourceError(file, `dimension ${d} is ${got}, expected ${expectDims[d]}`);
    }
    size *= got;
  }
  const dataBytes = buf.length - headerBytes;
  if (dataBytes !== size) {
    throw new SourceError(
      file,
      `data section is ${dataBytes} bytes, expected ${size} (${expectDims.join('×')})`,
    );
  }
  return buf.subarray(headerBytes);
}

/**
 * Checks that every label is a class index below `classes`.
 * @param {Uint8Array} labels
 * @param {number} classes
 * @param {string} file
 */
export function checkLabels(labels, classes, file) {
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] ?? 0;
    if (v >= classes)
      throw new SourceError(file, `label ${v} at index ${i} is not a class index below ${classes}`);
  }
}
