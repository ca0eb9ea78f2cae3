import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvCell, runsToCsv, runsToJson } from './exportRuns';
import { makeRunRecord, type RunRecord } from './record';
import { defaultLayer } from '../graph/catalogue';
import { chain } from '../graph/edit';
import { DEFAULT_HYPER } from '../train/hyper';
import { point } from './testPoints';

const record = (extra: Partial<RunRecord> = {}): RunRecord => ({
  ...makeRunRecord({
    id: 'run-1',
    name: 'Run 1',
    createdAt: Date.UTC(2024, 0, 2, 3, 4, 5),
    graph: chain('classifier', [
      defaultLayer('input'),
      defaultLayer('flatten'),
      { ...defaultLayer('dense'), units: 10, activation: 'softmax' },
    ]),
    dataset: 'mnist',
    hyper: DEFAULT_HYPER,
    seed: 3,
    backend: 'webgl',
    points: [
      point(1, { examplesPerSec: 10 }),
      point(2, { examplesPerSec: 20 }),
      point(3, { examplesPerSec: 1234.567, valLoss: 0.25, valAccuracy: 0.875 }),
    ],
    wallTimeMs: 2500,
    changes: ['conv2d_1 kernel 3 → 10', 'seed 1 → 2'],
  }),
  ...extra,
});

/** Splits CSV text into rows of cells (enough of RFC 4180 to read back what runsToCsv writes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('writes numbers as they are (a negative number is no formula) and nothing for null or NaN', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(NaN)).toBe('');
  });
});

describe('runsToCsv', () => {
  it('writes the header and one row per run with CRLF line ends', () => {
    const text = runsToCsv([record(), record({ name: 'Run 2', backend: null, bestValAccuracy: null })]);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[0]?.join(',')).toBe(
      'name,changes,dataset,backend,params,flops_per_example,best_val_accuracy,final_val_accuracy,best_val_loss,' +
        'examples_per_sec,steps,wall_time_s,learning_rate,batch_size,optimizer,seed,started',
    );
    expect(rows[1]).toEqual([
      'Run 1',
      'conv2d_1 kernel 3 → 10; seed 1 → 2',
      'mnist',
      'webgl',
      '7850',
      '15680',
      '0.875',
      '0.875',
      '0.25',
      '1234.6',
      '3',
      '2.5',
      '0.001',
      '32',
      'adam',
      '3',
      '2024-01-02T03:04:05.000Z',
    ]);
    expect(rows[2]?.slice(0, 4)).toEqual(['Run 2', 'conv2d_1 kernel 3 → 10; seed 1 → 2', 'mnist', '']);
    expect(rows[2]?.[6]).toBe('');
    expect(rows).toHaveLength(3);
  });

  it('reads back a name with commas, quotes and a line break as it was', () => {
    const name = 'my "best", run\nsecond line';
    expect(parseCsv(runsToCsv([record({ name })]))[1]?.[0]).toBe(name);
  });

  it('is only the header for no runs', () => {
    expect(runsToCsv([])).toBe(CSV_HEADER.join(',') + '\r\n');
  });
});

describe('runsToJson', () => {
  it('holds every record in full under a format name and version', () => {
    const r = record();
    const text = runsToJson([r]);
    expect(JSON.parse(text)).toEqual({ format: 'cnn-playground-runs', version: 1, runs: [r] });
    expect(JSON.parse(runsToJson([]))).toEqual({ format: 'cnn-playground-runs', version: 1, runs: [] });
  });

  it("writes a run's picture as plain number arrays, one run per line", () => {
    const snapshot = {
      step: 5,
      sampleIndex: 0,
      kernels: null,
      input: {
        node: 'input',
        h: 1,
        w: 2,
        count: 1,
        data: Uint8Array.from([0, 255]),
        min: Float32Array.from([0]),
        max: Float32Array.from([0.5]),
      },
      layers: [],
    } as unknown as NonNullable<RunRecord['snapshot']>;
    const text = runsToJson([{ ...record(), snapshot }, record()]);
    const back = JSON.parse(text) as { runs: { snapshot?: { input: { data: unknown; max: unknown } } }[] };
    expect(back.runs[0]!.snapshot!.input.data).toEqual([0, 255]);
    expect(back.runs[0]!.snapshot!.input.max).toEqual([0.5]);
    expect(text.trim().split('\n')).toHaveLength(4);
  });
});
