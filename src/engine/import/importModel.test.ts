import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../graph/validate';
import { importModel } from './importModel';
import { KERAS2_SEQUENTIAL, KERAS3_BEGINNER, KERAS3_FUNCTIONAL } from './kerasFixtures';
import type { ImportFile } from './types';

const IMAGE = [28, 28, 1] as const;
const enc = new TextEncoder();
const json = (name: string, doc: unknown): ImportFile => ({ name, bytes: enc.encode(JSON.stringify(doc)) });
const run = (files: ImportFile[]) => importModel(files, { imageShape: IMAGE });

function imported(files: ImportFile[]) {
  const r = run(files);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
function refused(files: ImportFile[]): string {
  const r = run(files);
  if (r.ok) throw new Error('imported');
  return r.message;
}

const kinds = (files: ImportFile[]) => imported(files).graph.nodes.map((n) => n.layer.kind);

/** A TF.js model.json: image → Flatten → Dense(2) named `dense_1`, its weights in `paths`. */
function tinyModelJson(paths = ['weights.bin'], weightName = 'dense_1/kernel', kernelShape = [784, 2]) {
  return {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential_1',
        layers: [
          { class_name: 'Flatten', config: { name: 'flatten_1', batch_input_shape: [null, 28, 28, 1] } },
          {
            class_name: 'Dense',
            config: { name: 'dense_1', units: 2, activation: 'softmax', use_bias: true },
          },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    weightsManifest: [
      {
        paths,
        weights: [
          { name: weightName, shape: kernelShape, dtype: 'float32' },
          { name: 'dense_1/bias', shape: [2], dtype: 'float32' },
        ],
      },
    ],
  };
}
const tinyWeights = (n = 784 * 2 + 2) =>
  new Uint8Array(Float32Array.from({ length: n }, (_, i) => i / 1000).buffer);

describe('Keras JSON configs (architecture only)', () => {
  it('tf.keras 2 Sequential: the MNIST convnet, ids of its own, untrained', () => {
    const m = imported([json('model_config.json', KERAS2_SEQUENTIAL)]);
    expect(m.format).toBe('keras');
    expect(m.weights).toBeNull();
    expect(m.notes.join(' ')).toMatch(/architecture only.*untrained/);
    expect(m.graph.nodes.map((n) => n.id)).toEqual([
      'input_1',
      'conv2d_1',
      'max_pool_1',
      'conv2d_2',
      'max_pool_2',
      'flatten_1',
      'dropout_1',
      'dense_1',
    ]);
    expect(m.graph.nodes[1]?.layer).toMatchObject({ filters: 32, padding: 'valid', activation: 'relu' });
    expect(m.graph.edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      'input_1>conv2d_1',
      'conv2d_1>max_pool_1',
      'max_pool_1>conv2d_2',
      'conv2d_2>max_pool_2',
      'max_pool_2>flatten_1',
      'flatten_1>dropout_1',
      'dropout_1>dense_1',
    ]);
    expect(
      validateGraph(m.graph, { imageShape: IMAGE, classes: 10 }).filter((i) => i.severity === 'error'),
    ).toEqual([]);
  });

  it('Keras 3 functional with a residual Add: both inputs, in order', () => {
    const m = imported([json('model.json', KERAS3_FUNCTIONAL)]);
    const add = m.graph.nodes.find((n) => n.layer.kind === 'add');
    expect(add).toBeDefined();
    const into = m.graph.edges.filter((e) => e.target === add?.id).map((e) => e.source);
    const kindOf = (id: string) => m.graph.nodes.find((n) => n.id === id)?.layer.kind;
    expect(into.map(kindOf)).toEqual(['activation', 'conv2d']);
    expect(kinds([json('model.json', KERAS3_FUNCTIONAL)])).toEqual([
      'input',
      'conv2d',
      'batchNorm',
      'activation',
      'conv2d',
      'add',
      'maxPool2d',
      'flatten',
      'dense',
    ]);
    expect(m.graph.nodes[1]?.layer).toMatchObject({ initializer: 'heNormal', padding: 'same' });
  });

  it("Keras 3 Sequential taking 28×28 (the beginner tutorial's Flatten first) takes 28×28×1 images", () => {
    const m = imported([json('model.json', KERAS3_BEGINNER)]);
    expect(m.inputShape).toEqual([28, 28, 1]);
    expect(m.graph.nodes.map((n) => n.layer.kind)).toEqual(['input', 'flatten', 'dense', 'dropout', 'dense']);
  });

  it('a model taking vectors of 784 values gets a Flatten after its image input', () => {
    const doc = {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 784], name: 'in' } },
          { class_name: 'Dense', config: { name: 'out', units: 10, activation: 'softmax' } },
        ],
      },
    };
    const m = imported([json('m.json', doc)]);
    expect(m.graph.nodes.map((n) => [n.id, n.layer.kind])).toEqual([
      ['input_1', 'input'],
      ['flatten_1', 'flatten'],
      ['dense_1', 'dense'],
    ]);
    expect(m.notes.join(' ')).toMatch(/vectors of 784 values/);
  });

  it('an autoencoder (output shaped like its input) gets the autoencoder role', () => {
    const doc = {
      class_name: 'Sequential',
      config: {
        layers: [
          {
            class_name: 'Conv2D',
            config: {
              name: 'c',
              filters: 1,
              kernel_size: 3,
              padding: 'same',
              activation: 'sigmoid',
              batch_input_shape: [null, 28, 28, 1],
            },
          },
        ],
      },
    };
    expect(imported([json('m.json', doc)]).graph.role).toBe('autoencoder');
  });
});

describe('refusals, in plain words', () => {
  it('names the layers it cannot map, why, and the ones it can', () => {
    const doc = structuredClone(KERAS2_SEQUENTIAL);
    doc.config.layers.splice(1, 0, {
      class_name: 'Rescaling',
      config: { name: 'rescaling', scale: 1 / 255 },
    } as never);
    (doc.config.layers[8] as { config: Record<string, unknown> }).config['activation'] = 'swish';
    const message = refused([json('model.json', doc)]);
    expect(message).toMatch(/no layer for Rescaling 'rescaling'/);
    expect(message).toMatch(/Dense 'dense' cannot be shown: its activation 'swish'/);
    expect(message).toMatch(
      /These 7 layers could be mapped: 'input_1', 'conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'flatten', 'dropout'\./,
    );
    expect(message).toMatch(/Import model reads InputLayer, Conv2D/);
  });

  it('bad JSON, no model, a graph file, an .h5, a graph model, no files', () => {
    expect(refused([{ name: 'model.json', bytes: enc.encode('{"modelTopology": ') }])).toMatch(
      /model.json is not valid JSON/,
    );
    expect(refused([json('x.json', { hello: 1 })])).toMatch(/None of the chosen files describes a model/);
    expect(refused([json('network.json', { version: 1, nodes: [], edges: [] })])).toMatch(/Import JSON/);
    expect(refused([{ name: 'model.h5', bytes: new Uint8Array([0x89, 0x48, 0x44, 0x46]) }])).toMatch(
      /tensorflowjs_converter/,
    );
    expect(refused([json('model.json', { format: 'graph-model', modelTopology: { node: [] } })])).toMatch(
      /graph model/,
    );
    expect(refused([])).toMatch(/No files/);
    expect(refused([{ name: 'm.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]) }])).toMatch(
      /could not be opened as a zip/,
    );
  });

  it('the missing weights file is named', () => {
    expect(
      refused([json('model.json', tinyModelJson(['group1-shard1of2.bin', 'group1-shard2of2.bin']))]),
    ).toMatch(
      /needs the weights files group1-shard1of2.bin, group1-shard2of2.bin, which were not among the chosen files/,
    );
    expect(refused([json('model.json', tinyModelJson())])).toMatch(
      /needs the weights file weights.bin, which was not/,
    );
  });

  it('a weights file of the wrong length, a weight of the wrong shape, a weight missing', () => {
    expect(
      refused([json('model.json', tinyModelJson()), { name: 'weights.bin', bytes: tinyWeights(10) }]),
    ).toMatch(/weights.bin holds 40 bytes, but model.json describes 6,280 bytes of weights/);
    // The manifest's kernel is 784×3 (and the file long enough for it): the Dense layer needs 784×2.
    expect(
      refused([
        json('model.json', tinyModelJson(undefined, 'dense_1/kernel', [784, 3])),
        { name: 'weights.bin', bytes: tinyWeights(784 * 3 + 2) },
      ]),
    ).toMatch(/gives layer 'dense_1' a kernel of shape 784×3, but the network needs 784×2/);
    expect(
      refused([
        json('model.json', tinyModelJson(undefined, 'other/kernel')),
        { name: 'weights.bin', bytes: tinyWeights() },
      ]),
    ).toMatch(/no weights for 'dense_1' kernel 784×2/);
  });

  it('a model with several outputs, shared layers, two layers of one name', () => {
    const fn = structuredClone(KERAS3_FUNCTIONAL);
    fn.config.output_layers = [
      ['dense', 0, 0],
      ['flatten', 0, 0],
    ];
    expect(refused([json('m.json', fn)])).toMatch(/2 outputs/);
    const shared = structuredClone(KERAS3_FUNCTIONAL);
    const dense = shared.config.layers[8] as { inbound_nodes: unknown[] };
    dense.inbound_nodes = [...dense.inbound_nodes, ...dense.inbound_nodes];
    expect(refused([json('m.json', shared)])).toMatch(/'dense' is used 2 times/);
    const twice = structuredClone(KERAS2_SEQUENTIAL);
    twice.config.layers[3]!.config.name = 'conv2d';
    expect(refused([json('m.json', twice)])).toMatch(/both named 'conv2d'/);
  });

  it('a ZeroPadding2D that no convolution can take', () => {
    const doc = {
      class_name: 'Sequential',
      config: {
        layers: [
          {
            class_name: 'ZeroPadding2D',
            config: {
              name: 'pad',
              padding: [
                [1, 0],
                [1, 0],
              ],
              batch_input_shape: [null, 28, 28, 1],
            },
          },
          { class_name: 'Conv2D', config: { name: 'c', filters: 2, kernel_size: 3 } },
        ],
      },
    };
    expect(refused([json('m.json', doc)])).toMatch(
      /ZeroPadding2D 'pad' cannot be shown: the playground pads only inside a convolution/,
    );
  });

  it("a value beyond the playground's limits is named with its layer", () => {
    const doc = structuredClone(KERAS2_SEQUENTIAL);
    (doc.config.layers[6] as { config: Record<string, unknown> }).config['rate'] = 1;
    expect(refused([json('m.json', doc)])).toMatch(/Dropout 'dropout': its rate/);
  });
});

describe('weights', () => {
  it('are matched by layer name, renamed to the node, and a renamed download stands in for weights.bin', () => {
    const m = imported([
      json('model.json', tinyModelJson()),
      { name: 'weights (1).bin', bytes: tinyWeights() },
    ]);
    expect(m.format).toBe('tfjs');
    expect(m.weights?.map((w) => [w.name, w.shape])).toEqual([
      ['dense_1/kernel', [784, 2]],
      ['dense_1/bias', [2]],
    ]);
    expect(m.weights?.[1]?.values[0]).toBeCloseTo(1.568, 6);
    expect(m.notes.join(' ')).toMatch(/weights \(1\)\.bin was read in its place/);
  });

  it('shards are joined in order; quantized uint8 and float16 weights are decoded', () => {
    const doc = tinyModelJson(['a.bin', 'b.bin']);
    doc.weightsManifest[0]!.weights = [
      {
        name: 'dense_1/kernel',
        shape: [784, 2],
        dtype: 'float32',
        quantization: { dtype: 'uint8', scale: 0.5, min: -1 },
      },
      { name: 'dense_1/bias', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } },
    ] as never;
    const q = Uint8Array.from({ length: 784 * 2 }, (_, i) => i % 4);
    const half = new Uint8Array(new Uint16Array([0x3c00, 0xc000]).buffer); // 1, −2
    const all = new Uint8Array([...q, ...half]);
    const m = imported([
      json('model.json', doc),
      { name: 'b.bin', bytes: all.slice(1000) },
      { name: 'a.bin', bytes: all.slice(0, 1000) },
    ]);
    expect(Array.from(m.weights?.[0]?.values.slice(0, 4) ?? [])).toEqual([-1, -0.5, 0, 0.5]);
    expect(Array.from(m.weights?.[1]?.values ?? [])).toEqual([1, -2]);
  });

  it('a converted Keras model: model_config wrapper, prefixed weight names with :0', () => {
    const doc = tinyModelJson(undefined, 'sequential/dense_1/kernel:0');
    const wrapped = { ...doc, modelTopology: { model_config: doc.modelTopology, training_config: {} } };
    const m = imported([json('model.json', wrapped), { name: 'weights.bin', bytes: tinyWeights() }]);
    expect(m.weights?.[0]?.name).toBe('dense_1/kernel');
  });

  it('a zip of model.json and its weights; a .keras file reads its config and says the .h5 is not read', () => {
    const zip = zipSync({
      'my-model/model.json': enc.encode(JSON.stringify(tinyModelJson())),
      'my-model/weights.bin': tinyWeights(),
      '__MACOSX/my-model/._model.json': new Uint8Array([1]),
    });
    const m = imported([{ name: 'my-model.zip', bytes: zip }]);
    expect(m.source).toBe('my-model.zip');
    expect(m.weights).toHaveLength(2);
    const keras = zipSync({
      'config.json': enc.encode(JSON.stringify(KERAS2_SEQUENTIAL)),
      'metadata.json': enc.encode('{"keras_version": "3.4.1"}'),
      'model.weights.h5': new Uint8Array([0x89, 0x48, 0x44, 0x46]),
    });
    const k = imported([{ name: 'mnist.keras', bytes: keras }]);
    expect(k.weights).toBeNull();
    expect(k.notes.join(' ')).toMatch(/model.weights.h5 cannot be read in the browser/);
  });
});
