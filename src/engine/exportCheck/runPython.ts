/**
 * Runs an exported script, or a notebook's code cells in order in one namespace (a small runner: no Jupyter
 * needed), and reads what the export prints: each layer's output shape in PyTorch beside the playground's, the
 * parameter counts and the losses before and after training. For `npm run check:export` only.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NOTEBOOK_RUNNER = `import json, sys
nb = json.load(open(sys.argv[1], encoding='utf-8'))
assert nb['nbformat'] == 4, 'not an nbformat 4 notebook'
try:
    import nbformat
    nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))
    print('notebook: valid nbformat', nb['nbformat'], nb['nbformat_minor'])
except ImportError:
    print('notebook: nbformat not installed, schema not checked')
ns = {'__name__': '__main__'}
for i, cell in enumerate(nb['cells']):
    if cell['cell_type'] == 'code':
        exec(compile(''.join(cell['source']), f'{sys.argv[1]} cell {i + 1}', 'exec'), ns)
`;

export interface PythonRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export function runPython(
  python: string,
  file: string,
  env: Record<string, string>,
  timeoutMs: number,
): PythonRun {
  const args = [file];
  if (file.endsWith('.ipynb')) {
    const runner = join(file, '..', 'run_notebook.py');
    writeFileSync(runner, NOTEBOOK_RUNNER);
    args.unshift(runner);
  }
  const t0 = Date.now();
  const r = spawnSync(python, args, {
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONWARNINGS: 'ignore', ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    seconds: (Date.now() - t0) / 1000,
  };
}

export interface RunReport {
  /** Per model and layer name ('Generator.dense_1'): the shape PyTorch gave and the one the export says the playground gives (H×W×C). */
  readonly shapes: ReadonlyMap<string, { readonly torch: string; readonly app: string }>;
  /** Models whose check said every output shape equals the playground's. */
  readonly shapesOk: readonly string[];
  readonly params: { readonly total: number; readonly trainable: number } | null;
  readonly loss: { readonly before: number; readonly after: number; readonly steps: number } | null;
  readonly gan: {
    readonly dBefore: number;
    readonly dAfter: number;
    readonly gBefore: number;
    readonly gAfter: number;
    readonly iterations: number;
  } | null;
  readonly test: string | null;
}

const num = (m: RegExpMatchArray | null, i: number): number => Number(m?.[i] ?? NaN);

export function parseRun(stdout: string): RunReport {
  const shapes = new Map<string, { torch: string; app: string }>();
  let model = '';
  for (const line of stdout.split('\n')) {
    const head = line.match(/^Output shapes of (\w+)/);
    if (head) model = head[1] as string;
    const m = line.match(/^shape (\S+)\s+(\S+)\s+(\S+)/);
    if (m) shapes.set(`${model}.${m[1]}`, { torch: m[2] as string, app: m[3] as string });
  }
  const shapesOk = [...stdout.matchAll(/^(\w+): every output shape equals/gm)].map((m) => m[1] as string);
  const p = stdout.match(/^(\d+) parameters, (\d+) trainable/m);
  const before = stdout.match(/^loss before training: ([\d.]+)/m);
  const after = stdout.match(/^loss after training: ([\d.]+) \((\d+) steps\)/m);
  const dB = stdout.match(/^discriminator loss before training: ([\d.]+), generator loss ([\d.]+)/m);
  const dA = stdout.match(
    /^discriminator loss after training: ([\d.]+), generator loss ([\d.]+) \((\d+) iterations\)/m,
  );
  return {
    shapes,
    shapesOk,
    params: p ? { total: num(p, 1), trainable: num(p, 2) } : null,
    loss: before && after ? { before: num(before, 1), after: num(after, 1), steps: num(after, 2) } : null,
    gan:
      dB && dA
        ? {
            dBefore: num(dB, 1),
            gBefore: num(dB, 2),
            dAfter: num(dA, 1),
            gAfter: num(dA, 2),
            iterations: num(dA, 3),
          }
        : null,
    test: stdout.match(/^test split: (.*)$/m)?.[1] ?? null,
  };
}
