/**
 * Fetches one file as bytes, streaming, reporting each chunk. Maps HTTP and network failures to DatasetError:
 * 404/410 → 'missing', anything else → 'network'. Reads at most `expectBytes + 1` bytes so a wrong server answer
 * cannot exhaust memory (verifyFile then reports the size).
 */
import { DatasetError } from './types';

export interface FetchFileOptions {
  readonly fetch: typeof fetch;
  /** Names the file in errors. */
  readonly label: string;
  readonly expectBytes: number;
  readonly onChunk?: (bytes: number) => void;
  readonly signal?: AbortSignal;
}

export async function fetchFile(url: string, opts: FetchFileOptions): Promise<Uint8Array<ArrayBuffer>> {
  const { label } = opts;
  let res: Response;
  try {
    res = await opts.fetch(url, opts.signal ? { signal: opts.signal } : {});
  } catch (e) {
    throw new DatasetError('network', label, `${label} could not be fetched from ${url}: ${errorText(e)}`);
  }
  if (res.status === 404 || res.status === 410) {
    throw new DatasetError(
      'missing',
      label,
      `${label} is missing (HTTP ${res.status} for ${url}); run \`npm run datasets\``,
    );
  }
  if (!res.ok) {
    throw new DatasetError('network', label, `${label}: HTTP ${res.status} ${res.statusText} for ${url}`);
  }
  const limit = opts.expectBytes + 1;
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    opts.onChunk?.(Math.min(all.length, opts.expectBytes));
    return all.length > limit ? all.slice(0, limit) : all;
  }
  const out = new Uint8Array(limit);
  let got = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.length, limit - got);
      out.set(value.subarray(0, take), got);
      got += take;
      // Progress never runs past the expected size, even when the server sends more.
      const before = Math.min(got - take, opts.expectBytes);
      const after = Math.min(got, opts.expectBytes);
      if (after > before) opts.onChunk?.(after - before);
      if (got >= limit) {
        await reader.cancel();
        break;
      }
    }
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError('network', label, `${label}: download failed after ${got} bytes: ${errorText(e)}`);
  }
  return out.subarray(0, got);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
