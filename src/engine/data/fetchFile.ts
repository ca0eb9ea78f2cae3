/**
 * Fetches one file as bytes, streaming, reporting each chunk. Maps HTTP and network failures to DatasetError:
 * 404/410 → 'missing', anything else → 'network'. A web page instead of the file is 'missing' too: a server with
 * a single-page-app fallback (`vite preview`, `vite`) answers a file it does not have with index.html and status
 * 200, which used to be reported as a truncated file. Reads at most `expectBytes + 1` bytes so a wrong server
 * answer cannot exhaust memory (verifyFile then reports the size: shorter → 'truncated', other bytes → 'corrupt').
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
  if (res.status === 404 || res.status === 410) throw missing(label, `HTTP ${res.status} for ${url}`);
  if (!res.ok) {
    throw new DatasetError('network', label, `${label}: HTTP ${res.status} ${res.statusText} for ${url}`);
  }
  if (/^\s*text\/html\b/i.test(res.headers.get('content-type') ?? '')) {
    await res.body?.cancel().catch(() => undefined);
    throw missing(label, `${url} answered with a web page`);
  }
  const bytes = await readBody(res, label, opts);
  // No content type (or a wrong one) but an HTML page all the same; a real file of the listed size is kept.
  if (bytes.length !== opts.expectBytes && looksLikeHtml(bytes)) {
    throw missing(label, `${url} answered with a web page`);
  }
  return bytes;
}

/** The file is not on the server: say which file, what the server did, and how to get the datasets. */
function missing(label: string, what: string): DatasetError {
  return new DatasetError(
    'missing',
    label,
    `${label} is missing: it is not on the server (${what}). Run \`npm run datasets\` to download and prepare the datasets, then reload.`,
  );
}

const HTML_START = /^(\ufeff)?\s*<(!doctype\s+html|html[\s>])/i;

/** Whether the bytes begin like an HTML document ("<!doctype html", "<html"). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64));
  return HTML_START.test(head);
}

async function readBody(
  res: Response,
  label: string,
  opts: FetchFileOptions,
): Promise<Uint8Array<ArrayBuffer>> {
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
