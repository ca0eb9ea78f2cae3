/**
 * The Runs table as files: CSV for a spreadsheet (RFC 4180, one row per run) and JSON with every field, curves
 * included, for scripts and for importing later.
 */
import type { RunRecord } from './record';

export const CSV_HEADER = [
  'name',
  'changes',
  'dataset',
  'backend',
  'params',
  'flops_per_example',
  'best_val_accuracy',
  'final_val_accuracy',
  'best_val_loss',
  'examples_per_sec',
  'steps',
  'wall_time_s',
  'learning_rate',
  'batch_size',
  'optimizer',
  'seed',
  'started',
] as const;

/** Text a spreadsheet would run as a formula (=, +, -, @; tab and carriage return per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would take for a formula gets a leading apostrophe (so a run named
 * "=HYPERLINK(…)" stays text); a cell holding a quote, comma or line break is quoted, quotes doubled. Numbers are
 * written as they are (a negative number is not a formula); null and non-finite numbers are empty.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const round = (v: number | null, digits: number): number | null =>
  v === null ? null : Number(v.toFixed(digits));

function row(r: RunRecord): (string | number | null)[] {
  return [
    r.name,
    r.changes.join('; '),
    r.dataset,
    r.backend,
    r.params,
    r.flopsPerExample,
    r.bestValAccuracy,
    r.finalValAccuracy,
    r.bestValLoss,
    round(r.examplesPerSec, 1),
    r.steps,
    round(r.wallTimeMs / 1000, 3),
    r.hyper.learningRate,
    r.hyper.batchSize,
    r.hyper.optimizer,
    r.seed,
    new Date(r.createdAt).toISOString(),
  ];
}

/** Header and one line per run, CRLF line ends (RFC 4180), in the order given (the table's). */
export function runsToCsv(records: readonly RunRecord[]): string {
  const lines = [CSV_HEADER.join(','), ...records.map((r) => row(r).map(csvCell).join(','))];
  return lines.join('\r\n') + '\r\n';
}

export const RUNS_JSON_FORMAT = 'cnn-playground-runs';
export const RUNS_JSON_VERSION = 1;

/** Typed arrays (a run's picture) as plain number arrays; JSON would otherwise write them as objects. */
const plainArrays = (_key: string, v: unknown): unknown =>
  ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v;

/**
 * Every record in full under a format name and version, one run per line (the curves and pictures hold thousands
 * of numbers: one per line would make a file hard to open).
 */
export function runsToJson(records: readonly RunRecord[]): string {
  const runs = records.map((r) => JSON.stringify(r, plainArrays));
  return `{"format":${JSON.stringify(RUNS_JSON_FORMAT)},"version":${RUNS_JSON_VERSION},"runs":[\n${runs.join(',\n')}\n]}\n`;
}
