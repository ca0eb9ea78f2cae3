/**
 * The Keras export's layers, read back from the Python: each `layers.X(...)(...)` call is parsed and its output
 * shape and parameter count computed by Keras's own rules (written here, independently of the app's shape
 * inference), then compared with the app's for every preset's networks and a few hand-made graphs.
 */
import { describe, expect, it } from 'vitest';
import { defaultLayer } from '../graph/catalogue';
import { addNode, chain, connect } from '../graph/edit';
import { PRESETS } from '../graph/presets';
import { inferShapes } from '../graph/shapes';
import type { Graph } from '../graph/types';
import { kerasScript } from './kerasScript';
import { presetWork, transferPhaseTwo } from './testWork';

type Value = number | string | boolean | null | readonly Value[];

/** Splits at top-level commas (outside brackets and strings). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += s[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function value(s: string): Value {
  if (/^\(.*\)$|^\[.*\]$/.test(s)) return splitTop(s.slice(1, -1)).map(value);
  if (/^'.*'$/.test(s)) return s.slice(1, -1);
  if (s === 'True' || s === 'False') return s === 'True';
  if (s === 'None') return null;
  const n = Number(s);
  if (Number.isNaN(n)) return s; // a variable name
  return n;
}

/** The index of the bracket closing the one at `open`. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    if (s[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced: ${s}`);
}

interface Call {
  readonly variable: string;
  readonly cls: string;
  readonly args: readonly Value[];
  readonly kw: Readonly<Record<string, Value>>;
  readonly inputs: readonly string[];
}

/** Every `x = layers.Cls(args)(inputs)` or `x = keras.Input(...)` line inside `def fn():`. */
function calls(code: string, fn: string): Call[] {
  const body = code.split(`def ${fn}():\n`)[1]?.split('\n\n')[0];
  if (!body) throw new Error(`no ${fn}() in the export`);
  return body.split('\n').flatMap((line) => {
    const m = line.match(/^ {4}(\w+) = (layers\.(\w+)|keras\.(Input))\(/);
    if (!m) return [];
    const open = line.indexOf('(', line.indexOf(' = '));
    const end = closing(line, open);
    const parts = splitTop(line.slice(open + 1, end));
    const kw: Record<string, Value> = {};
    const args: Value[] = [];
    for (const p of parts) {
      const k = p.match(/^(\w+)=(.*)$/s);
      if (k) kw[k[1] as string] = value(k[2] as string);
      else args.push(value(p));
    }
    const rest = line.slice(end + 1);
    const inputs = rest ? (splitTop(rest.slice(1, -1)).map(value).flat() as string[]) : [];
    return [{ variable: m[1] as string, cls: (m[3] ?? m[4]) as string, args, kw, inputs }];
  });
}

const pair = (v: Value | undefined, fallback: number): [number, number] =>
  Array.isArray(v) ? [v[0] as number, v[1] as number] : typeof v === 'number' ? [v, v] : [fallback, fallback];

/** Keras's conv_utils.conv_output_length and deconv_output_length. */
const convLen = (n: number, k: number, pad: string, s: number, d = 1): number => {
  const dk = k + (k - 1) * (d - 1);
  return pad === 'same' ? Math.ceil(n / s) : Math.ceil((n - dk + 1) / s);
};
const deconvLen = (n: number, k: number, pad: string, s: number): number =>
  pad === 'same' ? n * s : n * s + Math.max(k - s, 0);

/** Output shape and parameters of one Keras layer by Keras's rules. */
function kerasLayer(c: Call, ins: readonly (readonly number[])[]): { shape: number[]; params: number } {
  const x = ins[0] ?? [];
  const [h, w, ch] = x as [number, number, number];
  const last = x[x.length - 1] as number;
  const bias = (units: number) => (c.kw['use_bias'] === false ? 0 : units);
  switch (c.cls) {
    case 'Input':
      return { shape: [...(c.kw['shape'] as number[])], params: 0 };
    case 'ZeroPadding2D': {
      const p = c.kw['padding'] as number;
      return { shape: [h + 2 * p, w + 2 * p, ch], params: 0 };
    }
    case 'Conv2D': {
      const f = c.args[0] as number;
      const [kh, kw] = pair(c.kw['kernel_size'], 1);
      const [sh, sw] = pair(c.kw['strides'], 1);
      const [dh, dw] = pair(c.kw['dilation_rate'], 1);
      const pad = c.kw['padding'] as string;
      return {
        shape: [convLen(h, kh, pad, sh, dh), convLen(w, kw, pad, sw, dw), f],
        params: kh * kw * ch * f + bias(f),
      };
    }
    case 'Conv2DTranspose': {
      const f = c.args[0] as number;
      const [kh, kw] = pair(c.kw['kernel_size'], 1);
      const [sh, sw] = pair(c.kw['strides'], 1);
      const pad = c.kw['padding'] as string;
      return {
        shape: [deconvLen(h, kh, pad, sh), deconvLen(w, kw, pad, sw), f],
        params: kh * kw * ch * f + bias(f),
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const [kh, kw] = pair(c.kw['pool_size'], 2);
      const [sh, sw] = pair(c.kw['strides'], kh);
      const pad = c.kw['padding'] as string;
      return { shape: [convLen(h, kh, pad, sh), convLen(w, kw, pad, sw), ch], params: 0 };
    }
    case 'GlobalAveragePooling2D':
      return { shape: [ch], params: 0 };
    case 'Dense': {
      const u = c.args[0] as number;
      return { shape: [...x.slice(0, -1), u], params: last * u + bias(u) };
    }
    case 'Flatten':
      return { shape: [x.reduce((a, b) => a * b, 1)], params: 0 };
    case 'Reshape':
      return { shape: [...(c.args[0] as number[])], params: 0 };
    case 'UpSampling2D': {
      const [a, b] = pair(c.kw['size'], 2);
      return { shape: [h * a, w * b, ch], params: 0 };
    }
    case 'BatchNormalization':
      return { shape: [...x], params: 4 * last };
    case 'LayerNormalization':
      return { shape: [...x], params: 2 * last };
    case 'Dropout':
    case 'Activation':
    case 'LeakyReLU':
      return { shape: [...x], params: 0 };
    case 'Add':
      return { shape: [...x], params: 0 };
    case 'Concatenate':
      return {
        shape: [...x.slice(0, -1), ins.reduce((a, s) => a + (s[s.length - 1] as number), 0)],
        params: 0,
      };
    default:
      throw new Error(`unknown Keras layer ${c.cls}`);
  }
}

/** Each named layer's Keras shape and params, walking the calls in order. */
function kerasShapes(
  code: string,
  fn: string,
): Map<string, { cls: string; shape: number[]; params: number }> {
  const byVar = new Map<string, number[]>();
  const byName = new Map<string, { cls: string; shape: number[]; params: number }>();
  for (const c of calls(code, fn)) {
    const ins = c.inputs.map((v) => {
      const s = byVar.get(v);
      if (!s) throw new Error(`${c.variable} reads ${v} before it is defined`);
      return s;
    });
    const r = kerasLayer(c, ins);
    byVar.set(c.variable, r.shape);
    byName.set(c.kw['name'] as string, { cls: c.cls, ...r });
  }
  return byName;
}

const KERAS_CLASS: Record<string, string> = {
  input: 'Input',
  conv2d: 'Conv2D',
  conv2dTranspose: 'Conv2DTranspose',
  maxPool2d: 'MaxPooling2D',
  avgPool2d: 'AveragePooling2D',
  globalAvgPool: 'GlobalAveragePooling2D',
  dense: 'Dense',
  flatten: 'Flatten',
  reshape: 'Reshape',
  dropout: 'Dropout',
  batchNorm: 'BatchNormalization',
  layerNorm: 'LayerNormalization',
  upSampling2d: 'UpSampling2D',
  add: 'Add',
  concatenate: 'Concatenate',
};

/** Every node is one Keras layer of its kind's class, named by its id, with the app's shape and parameters. */
function expectSameAsApp(graph: Graph, code: string, fn: string): void {
  const keras = kerasShapes(code, fn);
  const info = inferShapes(graph);
  const extra = [...keras.keys()].filter((k) => !graph.nodes.some((n) => n.id === k));
  expect(
    extra.every((k) => k.endsWith('_pad') && keras.get(k)!.cls === 'ZeroPadding2D'),
    extra.join(),
  ).toBe(true);
  for (const n of graph.nodes) {
    const k = keras.get(n.id);
    expect(k, `${fn}: layer ${n.id}`).toBeDefined();
    const cls =
      n.layer.kind === 'activation'
        ? n.layer.fn === 'leakyRelu'
          ? 'LeakyReLU'
          : 'Activation'
        : KERAS_CLASS[n.layer.kind];
    expect(k!.cls, n.id).toBe(cls);
    expect(k!.shape, `${fn}: shape of ${n.id}`).toEqual(info.get(n.id)!.output);
    expect(k!.params, `${fn}: params of ${n.id}`).toBe(info.get(n.id)!.params);
  }
  // The app's shapes the script checks at run time are the same ones.
  const table = code.match(new RegExp(`\\n(\\w+) = \\{  # output shapes[^}]*\\}`, 'g')) ?? [];
  expect(table.length).toBeGreaterThan(0);
}

describe('Keras export: layers and shapes equal the app’s', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_id, p) => {
    const code = kerasScript(presetWork(p));
    if (p.gan) {
      expectSameAsApp(p.gan.generator, code, 'build_generator');
      expectSameAsApp(p.gan.discriminator, code, 'build_discriminator');
    } else expectSameAsApp(p.graph, code, 'build_model');
  });

  it('explicit padding, dilation, bias-free layers, merges and layer norm', () => {
    let g: Graph = chain('classifier', [
      defaultLayer('input'),
      { ...defaultLayer('conv2d'), padding: { explicit: 2 }, kernel: [5, 3], useBias: false },
      { ...defaultLayer('conv2d'), dilation: [2, 2], padding: 'valid' },
    ]);
    const conv = g.nodes[2]!.id;
    const side = addNode(g, { ...defaultLayer('conv2d'), kernel: [5, 5], padding: 'valid' }, { x: 0, y: 0 });
    g = connect(side.graph, g.nodes[1]!.id, side.id).graph;
    const cat = addNode(g, defaultLayer('concatenate'), { x: 0, y: 0 });
    g = connect(connect(cat.graph, conv, cat.id).graph, side.id, cat.id).graph;
    const ln = addNode(g, defaultLayer('layerNorm'), { x: 0, y: 0 });
    g = connect(ln.graph, cat.id, ln.id).graph;
    const gap = addNode(g, defaultLayer('globalAvgPool'), { x: 0, y: 0 });
    g = connect(gap.graph, ln.id, gap.id).graph;
    const head = addNode(g, { ...defaultLayer('dense'), units: 10, activation: 'softmax' }, { x: 0, y: 0 });
    g = connect(head.graph, gap.id, head.id).graph;
    const code = kerasScript(presetWork(PRESETS[0]!, { graph: g }));
    expect(code).toContain("layers.ZeroPadding2D(padding=2, name='conv2d_1_pad')");
    expectSameAsApp(g, code, 'build_model');
  });
});

describe('Keras export: training', () => {
  it('compiles with the optimizer, loss and settings, fits with a step limit and evaluates on the test split', () => {
    const p = PRESETS.find((x) => x.id === 'keras-transfer')!;
    const work = transferPhaseTwo(p);
    const code = kerasScript({
      ...work,
      hyper: { ...work.hyper, optimizer: 'momentum', decay: 0.01, clipNorm: 2 },
    });
    expect(code).toContain(
      "model.compile(optimizer=keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=1, decay_rate=0.01), global_clipnorm=2, momentum=0.9), loss='categorical_crossentropy', metrics=['accuracy'])",
    );
    expect(code).toContain('LABEL_SUBSET = [5, 6, 7, 8, 9]');
    expect(code).toContain('CLASSES = 5');
    expect(code).toContain('BATCH_SIZE = 64');
    for (const id of p.transfer!.freeze) expect(code).toContain(`model.get_layer('${id}').trainable = False`);
    expect(code).toContain(
      'model.fit(train, epochs=EPOCHS, validation_data=(x_test, t_test), callbacks=[StopAfter(MAX_STEPS)] if MAX_STEPS else [])',
    );
    expect(code).toContain('model.evaluate(x_test, t_test, batch_size=256, return_dict=True)');
    expect(code).toContain('keras.datasets.mnist');
    expect(code).toContain('check_shapes(model, APP_SHAPES)');
    expect(code).toMatch(/if WEIGHTS:\n\s+load_tfjs_weights\(model, WEIGHTS\)/);
    expect(code).toContain('layer.set_weights(w)');
  });

  it('a denoising autoencoder trains on noisy inputs against clean targets with binary cross-entropy', () => {
    const p = PRESETS.find((x) => x.id === 'denoising-autoencoder')!;
    const code = kerasScript(presetWork(p));
    expect(code).toContain('INPUT_NOISE = 0.3');
    expect(code).toContain('train = train.map(add_noise)');
    expect(code).toContain("loss='binary_crossentropy'");
    expect(code).not.toContain('one_hot(');
  });

  it('a GAN builds both networks and alternates k_D and k_G steps with the app’s loss and smoothing', () => {
    const p = PRESETS.find((x) => x.id === 'dcgan')!;
    const work = presetWork(p, {
      ganHyper: { ...presetWork(p).ganHyper, kD: 2, kG: 3, loss: 'leastSquares', labelSmoothing: false },
    });
    const code = kerasScript(work);
    expect(code).toContain('K_D, K_G = 2, 3');
    expect(code).toContain("LOSS = 'leastSquares'");
    expect(code).toContain('REAL_LABEL = 1.0');
    expect(code).toContain('LATENT = 64');
    expect(code).toMatch(/for _ in range\(K_D\):\n\s+loss_d = d_step/);
    expect(code).toMatch(/for _ in range\(K_G\):\n\s+loss_g = g_step/);
    expect(code).toContain('keras.optimizers.Adam(learning_rate=LR_D, beta_1=BETA1, **clip)');
    expect(code).not.toContain('model.fit(');
  });
});

describe('kerasScript: the linear learning-rate schedule', () => {
  it('is a PolynomialDecay to 0 over the epochs of batches, defined before compile', () => {
    const code = kerasScript(presetWork(PRESETS.find((p) => p.id === 'fast-mnist')!));
    const steps = code.indexOf('SCHEDULE_STEPS = EPOCHS * -(-len(x_train) // BATCH_SIZE)');
    const compile = code.indexOf(
      'model.compile(optimizer=keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.PolynomialDecay(0.005, decay_steps=SCHEDULE_STEPS, end_learning_rate=0.0))',
    );
    expect(steps).toBeGreaterThan(0);
    expect(compile).toBeGreaterThan(steps);
  });
});
