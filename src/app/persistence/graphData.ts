/** Untrusted graph data (links, files, autosave) read through the engine's parser, as a one-reason result. */
import { parseGraph, parseGraphText } from '../../engine/graph/parse';
import type { Graph } from '../../engine/graph/types';
import type { Parsed } from './settings';
import { nestsDeeper } from './jsonDepth';

type Errors = readonly { readonly path: string; readonly message: string }[];

function reasonOf(errors: Errors, where: string): string {
  const first = errors[0];
  if (!first) return `${where}: not a valid network`;
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return `${where}${first.path ? `.${first.path}` : ''}: ${first.message}${more}`;
}

export function parseGraphValue(value: unknown, where: string): Parsed<Graph> {
  const r = parseGraph(value);
  return r.ok ? { ok: true, value: r.graph } : { ok: false, reason: reasonOf(r.errors, where) };
}

export function parseGraphFile(text: string, where: string): Parsed<Graph> {
  if (nestsDeeper(text)) return { ok: false, reason: `${where}: nested deeper than any network` };
  const r = parseGraphText(text);
  return r.ok ? { ok: true, value: r.graph } : { ok: false, reason: reasonOf(r.errors, where) };
}
