/**
 * The Keras export that trains: settings, data (keras.datasets or a local folder), the network built layer by layer
 * (kerasCode.ts), an output-shape check against the playground's, compile with the playground's optimizer and loss,
 * fit with its batch size, epochs and step limit, and evaluation on the test split. A GAN gets both networks and the
 * alternating loop (kerasGan.ts).
 */
import type { Graph } from '../graph/types';
import { inferShapes } from '../graph/shapes';
import { endsInSigmoid, inputNodes, outputNode } from '../graph/graphUtils';
import { pyStr, tuple } from '../layers/python';
import type { ExportWork } from './exportWork';
import { kerasModelLines, optimizerCode, scheduleStepsLine } from './kerasCode';
import { argparseLines, dataLines, ganSettings, latentSize, settingsLines } from './pythonData';
import { kerasGanTraining } from './kerasGan';
import { KERAS_WEIGHTS } from './pythonWeights';

const IMPORTS = [
  'import argparse',
  'import gzip',
  'import json',
  'import os',
  'import struct',
  '',
  'import numpy as np',
  'import tensorflow as tf',
  'from tensorflow import keras',
  'from tensorflow.keras import layers',
];

const LOAD_STANDARD = [
  'def load_standard(name):',
  '    """MNIST or Fashion-MNIST through keras.datasets (downloaded once). The playground splits Fashion-MNIST its',
  '    own way (docs/datasets.md); this is the standard 60,000 / 10,000 split."""',
  "    data = keras.datasets.mnist if name == 'mnist' else keras.datasets.fashion_mnist",
  '    (x_train, y_train), (x_test, y_test) = data.load_data()',
  '    return x_train[..., None], y_train, x_test[..., None], y_test',
];

const CHECK_SHAPES = String.raw`
def shape_text(shape):
    return '×'.join(str(d) for d in shape) if shape else '-'


def check_shapes(model, app_shapes):
    """Each layer's output shape in Keras beside the playground's shape inference; raises if any differs."""
    print(f'Output shapes of {model.name} (Keras, then the playground\'s):')
    bad = []
    for name, want in app_shapes.items():
        have = tuple(model.get_layer(name).output.shape[1:])
        print(f'shape {name:<22} {shape_text(have):>12} {shape_text(want):>12}' + ('' if have == want else '  <- differs'))
        if have != want:
            bad.append(name)
    if bad:
        raise AssertionError('Output shapes differ from the playground at ' + ', '.join(bad))`
  .slice(1)
  .split('\n');

/** The app's output shape per Keras layer name (node id), for check_shapes. */
export function appShapesLines(graph: Graph, name: string): string[] {
  const info = inferShapes(graph);
  const rows = graph.nodes
    .filter((n) => n.layer.kind !== 'input')
    .flatMap((n) => {
      const s = info.get(n.id)?.output;
      return s ? [`    ${pyStr(n.id)}: ${tuple(s)},`] : [];
    });
  return [`${name} = {  # output shapes by the playground's own shape inference`, ...rows, '}'];
}

/** def <fn>(): the network's layers; returns the keras.Model (or raises when the graph cannot be built). */
export function buildFunction(graph: Graph, fn: string): string[] {
  const built = kerasModelLines(graph);
  const body =
    'error' in built
      ? [`raise ValueError(${pyStr(`This network cannot be built: ${built.error}.`)})`]
      : [...built.lines.filter((l) => l !== ''), 'return model'];
  return [`def ${fn}():`, ...body.map((l) => `    ${l}`)];
}

function lossCode(graph: Graph): string {
  if (graph.role === 'classifier') return "'categorical_crossentropy'";
  return endsInSigmoid(graph) ? "'binary_crossentropy'" : "'mean_squared_error'";
}

const STOP_AFTER = [
  'class StopAfter(keras.callbacks.Callback):',
  '    """Ends training after MAX_STEPS steps, as the playground\'s step limit does."""',
  '',
  '    def __init__(self, steps):',
  '        super().__init__()',
  '        self.steps, self.done = steps, 0',
  '',
  '    def on_train_batch_end(self, batch, logs=None):',
  '        self.done += 1',
  '        if self.done >= self.steps:',
  '            self.model.stop_training = True',
];

function supervisedTraining(work: ExportWork): string[] {
  const g = work.graph;
  const classifier = g.role === 'classifier';
  const inputs = inputNodes(g).length;
  const noise = work.inputNoise > 0 && !classifier;
  // A network with several Inputs gets the same batch in each.
  const feed = (x: string): string =>
    inputs > 1 ? `(${Array.from({ length: inputs }, () => x).join(', ')})` : x;
  return [
    'x_train, y_train, x_test, y_test = load_dataset()',
    'x_train, y_train = select_labels(x_train, y_train)',
    'x_test, y_test = select_labels(x_test, y_test)',
    "print(f'{len(x_train)} training and {len(x_test)} test images of {IMAGE_SHAPE}')",
    "x_train, x_test = x_train.astype('float32') / 255, x_test.astype('float32') / 255  # pixels in [0, 1]",
    classifier
      ? 't_train, t_test = one_hot(y_train), one_hot(y_test)'
      : 't_train, t_test = x_train, x_test  # an autoencoder learns to give back its input',
    '',
    'keras.utils.set_random_seed(SEED)',
    'model = build_model()',
    'model.summary()',
    'check_shapes(model, APP_SHAPES)',
    'if WEIGHTS:',
    '    load_tfjs_weights(model, WEIGHTS)',
    ...(work.hyper.schedule === 'linear'
      ? [scheduleStepsLine(work.hyper, { epochs: 'EPOCHS', batch: 'BATCH_SIZE' })]
      : []),
    `model.compile(optimizer=${optimizerCode(work.hyper)}, loss=${lossCode(g)}${classifier ? ", metrics=['accuracy']" : ''})`,
    '',
    '',
    ...STOP_AFTER,
    '',
    '',
    ...(noise
      ? [
          'def add_noise(x, t):',
          '    """Denoising: the input gets Gaussian noise (then clipped to 0..1), the target stays clean."""',
          '    return tf.clip_by_value(x + tf.random.normal(tf.shape(x), stddev=INPUT_NOISE), 0.0, 1.0), t',
          '',
          '',
        ]
      : []),
    'train = tf.data.Dataset.from_tensor_slices((x_train, t_train)).shuffle(len(x_train), seed=SEED).batch(BATCH_SIZE)',
    ...(noise ? ['train = train.map(add_noise)'] : []),
    ...(inputs > 1
      ? [`train = train.map(lambda x, t: (${feed('x')}, t))  # every Input takes the same batch`]
      : []),
    'probe = slice(0, min(256, len(x_train)))  # a fixed training batch to compare the loss before and after',
    `loss_before = model.evaluate(${feed('x_train[probe]')}, t_train[probe], verbose=0, return_dict=True)['loss']`,
    "print(f'loss before training: {loss_before:.4f}')",
    `model.fit(train, epochs=EPOCHS, validation_data=(${feed('x_test')}, t_test), callbacks=[StopAfter(MAX_STEPS)] if MAX_STEPS else [])`,
    `loss_after = model.evaluate(${feed('x_train[probe]')}, t_train[probe], verbose=0, return_dict=True)['loss']`,
    "print(f'loss after training: {loss_after:.4f}')",
    '',
    '# Evaluation on the test split.',
    `result = model.evaluate(${feed('x_test')}, t_test, batch_size=256, return_dict=True)`,
    "print('test split:', ', '.join(f'{k} {v:.4f}' for k, v in result.items()))",
  ];
}

/** python model.py [--data FOLDER] [--epochs N] [--max-steps N]: builds, trains and evaluates the work in tf.keras. */
export function kerasScript(work: ExportWork): string {
  const gan = work.gan;
  const kind = gan ? 'GAN (generator and discriminator)' : work.graph.role;
  const classifier = !gan && work.graph.role === 'classifier';
  const out = outputNode(work.graph);
  const outShape = out === undefined ? undefined : inferShapes(work.graph).get(out)?.output;
  const classes = classifier
    ? ((outShape?.[outShape.length - 1] as number | undefined) ?? work.dataset.classes)
    : null;
  const models = gan
    ? [
        ...buildFunction(gan.generator, 'build_generator'),
        '',
        '',
        ...appShapesLines(gan.generator, 'GENERATOR_SHAPES'),
        '',
        '',
        ...buildFunction(gan.discriminator, 'build_discriminator'),
        '',
        '',
        ...appShapesLines(gan.discriminator, 'DISCRIMINATOR_SHAPES'),
      ]
    : [...buildFunction(work.graph, 'build_model'), '', '', ...appShapesLines(work.graph, 'APP_SHAPES')];
  const section = (lines: readonly string[]): string[] => ['', '', ...lines];
  return [
    `"""${work.title}: the playground's ${kind} as a tf.keras script that trains.`,
    '',
    'Run: python model.py [--data FOLDER] [--epochs N] [--max-steps N]   (needs: pip install tensorflow)',
    "FOLDER holds the dataset as IDX files (e.g. MNIST's) or as the playground prepares it (public/datasets/mnist);",
    'without it keras.datasets downloads the dataset."""',
    ...IMPORTS,
    ...section([
      ...settingsLines(work, { classes }),
      ...(gan ? ganSettings(work.ganHyper, latentSize(gan.generator), work.hyper.clipNorm) : []),
    ]),
    ...argparseLines(`Train the playground's ${kind} in Keras.`, !gan),
    ...section(dataLines({ classifier })),
    ...section(LOAD_STANDARD),
    ...section(gan ? CHECK_SHAPES : [...CHECK_SHAPES, '', '', ...KERAS_WEIGHTS]),
    ...section(models),
    ...section(gan ? kerasGanTraining() : supervisedTraining(work)),
    '',
  ].join('\n');
}
