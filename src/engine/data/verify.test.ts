import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeFile, sha256Hex, verifyFile } from './verify';
import type { DatasetFileEntry } from './types';

const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 251);
const gz = new Uint8Array(gzipSync(data));
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const entry = (over: Partial<DatasetFileEntry> = {}): DatasetFileEntry => ({
  name: 'f.bin.gzip',
  bytes: gz.length,
  sha256: hex(gz),
  role: 'trainImages',
  compression: 'gzip',
  rawBytes: data.length,
  ...over,
});

describe('verify', () => {
  it('sha256Hex agrees with node:crypto', async () => {
    expect(await sha256Hex(data)).toBe(hex(data));
    expect(await sha256Hex(data.subarray(10, 20))).toBe(hex(data.subarray(10, 20)));
  });

  it('accepts the right bytes and gunzips them', async () => {
    await expect(verifyFile(entry(), gz)).resolves.toBeUndefined();
    const raw = await decodeFile(entry(), gz);
    expect(Buffer.from(raw).equals(Buffer.from(data))).toBe(true);
  });

  it('tells truncated, too long and changed files apart', async () => {
    await expect(verifyFile(entry(), gz.slice(0, -1), 'd/f')).rejects.toMatchObject({
      code: 'truncated',
      file: 'd/f',
    });
    const longer = new Uint8Array(gz.length + 1);
    longer.set(gz);
    await expect(verifyFile(entry(), longer)).rejects.toMatchObject({ code: 'corrupt', file: 'f.bin.gzip' });
    const changed = Uint8Array.from(gz);
    changed[gz.length - 1] = changed[gz.length - 1]! ^ 1;
    await expect(verifyFile(entry(), changed)).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('reports bad gzip data and a wrong raw size', async () => {
    const notGzip = Uint8Array.from([1, 2, 3, 4, 5]);
    await expect(decodeFile(entry({ bytes: 5, sha256: hex(notGzip) }), notGzip)).rejects.toMatchObject({
      code: 'corrupt',
    });
    await expect(decodeFile(entry({ rawBytes: 4999 }), gz)).rejects.toMatchObject({ code: 'countMismatch' });
    const plain = entry({
      compression: 'none',
      bytes: data.length,
      rawBytes: data.length,
      sha256: hex(data),
    });
    expect(await decodeFile(plain, data)).toBe(data);
  });
});
