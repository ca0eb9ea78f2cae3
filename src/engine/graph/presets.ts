/**
 * Seed presets: each a graph, default training settings and a one-line lesson. Positions come from autoLayout.
 */
import type { Graph, LayerSpec, NodeId } from './types';
import type { Hyper } from '../train/hyper';
import { DEFAULT_HYPER } from '../train/hyper';
import type { SweepBudget } from '../runs/sweepBudget';
import { chain, updateLayer } from './edit';
import { L } from './layerBuilders';
import type { ImageShape, PresetNetworks } from './presetNetworks';
import { dcganDiscriminator, dcganGenerator } from './dcganNetworks';
import { DEFAULT_GAN_HYPER } from '../gan/ganHyper';
import { compressionAutoencoder, denoisingAutoencoder } from './autoencoderNetworks';
import type { RbmHyper } from '../rbm/rbmHyper';
import { DEFAULT_RBM_HYPER } from '../rbm/rbmHyper';
import { rbmGraph } from '../rbm/rbmGraph';

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly lesson: string;
  readonly dataset: 'mnist' | 'fashion-mnist' | 'procedural';
  readonly graph: Graph;
  readonly hyper: Hyper;
  readonly transfer?: {
    readonly firstLabels: number[];
    readonly secondLabels: number[];
    readonly freeze: NodeId[];
  };
  readonly gan?: { readonly generator: Graph; readonly discriminator: Graph };
  /**
   * GAN and autoencoder presets: the preset's networks built for another image shape (a user dataset's 32×32×3,
   * 64×64×1…); `graph` and `gan` are the build for 28×28×1.
   */
  readonly forShape?: (shape: ImageShape) => PresetNetworks;
  /** Denoising autoencoders: standard deviation of the Gaussian noise added to inputs (pixels in [0, 1]). */
  readonly inputNoise?: number;
  /** A one-click comparison: networks trained one after another as a sweep, with the same budget and seed. */
  readonly comparison?: PresetComparison;
  /**
   * RBM presets: trained by contrastive divergence with these settings, not by backprop; `graph` pictures the RBM
   * (its first dense layer's units are the hidden units).
   */
  readonly rbm?: RbmHyper;
}

export interface PresetComparison {
  /**
   * Each network trains with the settings in the editor (dataset, optimizer, learning rate, seed…), changed by the
   * variant's own `hyper` where it has one (an optimizer comparison: each variant its optimizer and learning rate).
   */
  readonly variants: readonly PresetVariant[];
  /** Sized to finish the whole comparison in about a minute or two on MNIST on a 2-core laptop. */
  readonly budget: SweepBudget;
  /** How long the whole comparison took on MNIST on a 2-core machine (WASM), in words: "about a minute". */
  readonly duration: string;
  /** What to look for and why, in a few sentences, shown beside Start comparison. */
  readonly explain?: string;
}

export interface PresetVariant {
  readonly label: string;
  readonly graph: Graph;
  /** Settings this variant trains with instead of the editor's (the rest stay the editor's). */
  readonly hyper?: Partial<Hyper>;
}

const hyper = (patch: Partial<Hyper> = {}): Hyper => ({ ...DEFAULT_HYPER, ...patch });
const classifier = (layers: readonly LayerSpec[]): Graph => chain('classifier', layers);
const idsOfKind = (g: Graph, kind: LayerSpec['kind']): NodeId[] =>
  g.nodes.filter((n) => n.layer.kind === kind).map((n) => n.id);

const CONV_RELU_POOL = (filters: number): LayerSpec[] => [
  L.conv(filters, 3, { activation: 'linear' }),
  L.act('relu'),
  L.maxPool(),
];
const CONV_RELU_CONV_RELU_POOL = (filters: number, poolPadding: 'valid' | 'same' = 'valid'): LayerSpec[] => [
  L.conv(filters, 3, { activation: 'linear' }),
  L.act('relu'),
  L.conv(filters, 3, { activation: 'linear' }),
  L.act('relu'),
  L.maxPool(2, 2, poolPadding),
];

const transferGraph = classifier([
  L.image(),
  L.conv(32, 3, { padding: 'valid', activation: 'linear' }),
  L.act('relu'),
  L.conv(32, 3, { padding: 'valid', activation: 'linear' }),
  L.act('relu'),
  L.maxPool(),
  L.dropout(0.25),
  L.flatten(),
  L.dense(128, 'linear'),
  L.act('relu'),
  L.dropout(0.5),
  L.dense(5, 'linear'),
  L.act('softmax'),
]);

const SHIPPED_SHAPE: ImageShape = [28, 28, 1];
const dcganFor = (shape: ImageShape): Required<PresetNetworks> => {
  const gan = { generator: dcganGenerator(shape), discriminator: dcganDiscriminator(shape) };
  return { graph: gan.generator, gan };
};
const DCGAN_28 = dcganFor(SHIPPED_SHAPE);
const compressionFor = (shape: ImageShape): PresetNetworks => ({ graph: compressionAutoencoder(shape) });
const denoisingFor = (shape: ImageShape): PresetNetworks => ({ graph: denoisingAutoencoder(shape) });

const NOTES_SMALL = classifier([
  L.image(),
  ...CONV_RELU_POOL(8),
  ...CONV_RELU_POOL(16),
  L.flatten(),
  L.dense(32, 'linear'),
  L.act('relu'),
  L.dense(10, 'softmax'),
]);
const STACK_3X3 = classifier([
  L.image(),
  L.conv(16, 3),
  L.conv(16, 3),
  L.conv(16, 3),
  L.maxPool(),
  L.flatten(),
  L.dense(10, 'softmax'),
]);
const ONE_10X10 = classifier([L.image(), L.conv(16, 10), L.maxPool(), L.flatten(), L.dense(10, 'softmax')]);
/**
 * The small CNN with 'same' padding on its second pool, so that its first convolution can take stride 2 (28 → 14 → 7,
 * then 7 → 4) without a fractional size; at stride 1 its shapes and weights are the small CNN's.
 */
const STRIDE_BASE = classifier([
  L.image(),
  ...CONV_RELU_POOL(8),
  L.conv(16, 3, { activation: 'linear' }),
  L.act('relu'),
  L.maxPool(2, 2, 'same'),
  L.flatten(),
  L.dense(32, 'linear'),
  L.act('relu'),
  L.dense(10, 'softmax'),
]);
const firstConv = STRIDE_BASE.nodes.find((n) => n.layer.kind === 'conv2d');
const STRIDE_2 = firstConv ? updateLayer(STRIDE_BASE, firstConv.id, { stride: [2, 2] }) : STRIDE_BASE;

/** Logistic regression (7,850 weights): small and smooth enough for L-BFGS and conjugate gradient to shine. */
const LOGISTIC = classifier([L.image(), L.flatten(), L.dense(10, 'softmax')]);

/**
 * The optimizers compared on logistic regression, each at a learning rate that suits it there (second-order methods
 * choose their own step length by line search: their learning rate is not used).
 */
const OPTIMIZER_VARIANTS: readonly PresetVariant[] = [
  { label: 'SGD', graph: LOGISTIC, hyper: { optimizer: 'sgd', learningRate: 0.1 } },
  { label: 'Momentum', graph: LOGISTIC, hyper: { optimizer: 'momentum', learningRate: 0.02, momentum: 0.9 } },
  { label: 'Adam', graph: LOGISTIC, hyper: { optimizer: 'adam', learningRate: 0.005 } },
  { label: 'Adadelta', graph: LOGISTIC, hyper: { optimizer: 'adadelta', learningRate: 1 } },
  {
    label: 'L-BFGS',
    graph: LOGISTIC,
    hyper: { optimizer: 'lbfgs', historySize: 10, secondOrderBatch: 4096 },
  },
  { label: 'Conjugate gradient', graph: LOGISTIC, hyper: { optimizer: 'cg', secondOrderBatch: 4096 } },
];

/** A deep belief net's classifier: two sigmoid feature layers (an RBM stack when pretrained) and a softmax head. */
const DBN_NET = classifier([
  L.image(),
  L.flatten(),
  L.dense(256, 'sigmoid'),
  L.dense(128, 'sigmoid'),
  L.dense(10, 'softmax'),
]);

/**
 * Built for time to accuracy (issue 16, `npm run bench -- --accuracy`): 99% on the MNIST test split as soon as a
 * 2-core laptop without a GPU allows (WASM, one thread). Strided convolutions instead of pooling (each halves the map
 * and costs a quarter of a stride-1 one), ReLU inside each convolution, straight into the 10-way classifier; in
 * PyTorch trials it matched a pooled stack's accuracy per example at half its cost. With a rate that falls linearly to
 * 0 it passed 99% after 90–160 thousand examples, where a decaying rate levelled off near 98.9% (in the app, over three
 * epochs: 99.11% after 2.66 epochs, 125 s at load 4).
 */
const FAST_MNIST = classifier([
  L.image(),
  L.conv(16, 5, { stride: 2 }),
  L.conv(32, 3, { stride: 2 }),
  L.conv(32, 3),
  L.flatten(),
  L.dense(10, 'softmax'),
]);

export const DEFAULT_PRESET_ID = 'notes-small';

/** The DCGAN pair (generator of transposed convolutions against a strided-conv discriminator) on a dataset. */
function dcgan(id: string, title: string, lesson: string, dataset: Preset['dataset']): Preset {
  return {
    id,
    title,
    lesson,
    dataset,
    graph: DCGAN_28.graph,
    // The GAN trains at this Batch size; its learning rates are DEFAULT_GAN_HYPER's (ganHyper.ts says why these).
    hyper: hyper({ learningRate: DEFAULT_GAN_HYPER.lrD, batchSize: DEFAULT_GAN_HYPER.batchSize }),
    gan: DCGAN_28.gan,
    forShape: dcganFor,
  };
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'notes-small',
    title: 'Small CNN: [CONV → RELU → POOL]×2 → FC',
    lesson:
      'The basic CNN pattern: convolutions find local features, pooling halves the map, dense layers classify.',
    dataset: 'mnist',
    graph: NOTES_SMALL,
    hyper: hyper({ learningRate: 0.005, schedule: 'linear' }),
  },
  {
    id: 'notes-deep',
    title: 'Deeper CNN: [CONV → RELU → CONV → RELU → POOL]×3 → [FC → RELU]×2 → FC',
    lesson: 'Two convolutions before each pool see a larger patch with fewer weights than one big kernel.',
    dataset: 'mnist',
    graph: classifier([
      L.image(),
      ...CONV_RELU_CONV_RELU_POOL(8),
      ...CONV_RELU_CONV_RELU_POOL(16),
      // 7×7 does not halve evenly: same padding pools it to ceil(7 / 2) = 4.
      ...CONV_RELU_CONV_RELU_POOL(32, 'same'),
      L.flatten(),
      L.dense(64, 'linear'),
      L.act('relu'),
      L.dense(64, 'linear'),
      L.act('relu'),
      L.dense(10, 'softmax'),
    ]),
    hyper: hyper(),
  },
  {
    id: 'fast-mnist',
    title: 'Fast MNIST: 99% in under three epochs',
    lesson:
      'Built for speed: strided convolutions instead of pooling, and a learning rate that falls in a straight line to 0 ' +
      'over three epochs, so the last steps settle the weights (99% in about two minutes on a 2-core laptop without a GPU).',
    dataset: 'mnist',
    graph: FAST_MNIST,
    hyper: hyper({ batchSize: 64, learningRate: 0.005, schedule: 'linear', epochs: 3 }),
  },
  {
    id: 'tf-estimator',
    title: 'TF estimator CNN',
    lesson:
      'The classic TensorFlow MNIST tutorial: most of its 1.6 M parameters sit in the dense 1024 layer.',
    dataset: 'mnist',
    graph: classifier([
      L.image(),
      L.conv(32, 5),
      L.maxPool(),
      L.conv(32, 5),
      L.maxPool(),
      L.flatten(),
      L.dense(1024),
      L.dropout(0.4),
      L.dense(10, 'softmax'),
    ]),
    hyper: hyper({ batchSize: 64 }),
  },
  {
    id: 'keras-transfer',
    title: 'Transfer learning (Keras MNIST)',
    lesson:
      'Train on digits 0–4, freeze the convolutional features, then retrain only the dense layers on 5–9.',
    dataset: 'mnist',
    graph: transferGraph,
    hyper: hyper({ labelSubset: [0, 1, 2, 3, 4], batchSize: 64 }),
    transfer: {
      firstLabels: [0, 1, 2, 3, 4],
      secondLabels: [5, 6, 7, 8, 9],
      freeze: idsOfKind(transferGraph, 'conv2d'),
    },
  },
  {
    id: 'lenet5',
    title: 'LeNet-5',
    lesson: "LeCun's 1998 digit reader: tanh convolutions with average pooling, then 120 → 84 → 10.",
    dataset: 'mnist',
    graph: classifier([
      L.image(),
      L.conv(6, 5, { activation: 'tanh' }),
      L.avgPool(),
      L.conv(16, 5, { activation: 'tanh', padding: 'valid' }),
      L.avgPool(),
      L.flatten(),
      L.dense(120, 'tanh'),
      L.dense(84, 'tanh'),
      L.dense(10, 'softmax'),
    ]),
    hyper: hyper(),
  },
  {
    id: 'ladder-logistic',
    title: 'Ladder 1: logistic regression',
    lesson: 'One dense layer straight from the pixels: a linear classifier, about 92% on MNIST.',
    dataset: 'mnist',
    graph: LOGISTIC,
    hyper: hyper({ learningRate: 0.005 }),
  },
  {
    id: 'ladder-mlp',
    title: 'Ladder 2: MLP',
    lesson: 'One hidden ReLU layer lets the model combine pixels non-linearly.',
    dataset: 'mnist',
    graph: classifier([L.image(), L.flatten(), L.dense(128), L.dense(10, 'softmax')]),
    hyper: hyper(),
  },
  {
    id: 'ladder-deep-mlp',
    title: 'Ladder 3: deep MLP',
    lesson: 'Two hidden layers: more capacity, but still blind to which pixels are neighbours.',
    dataset: 'mnist',
    graph: classifier([L.image(), L.flatten(), L.dense(128), L.dense(64), L.dense(10, 'softmax')]),
    hyper: hyper(),
  },
  {
    id: 'ladder-cnn',
    title: 'Ladder 4: CNN',
    lesson: 'Shared local filters use the image layout: better accuracy with fewer weights than the MLPs.',
    dataset: 'mnist',
    graph: classifier([
      L.image(),
      L.conv(8, 3),
      L.maxPool(),
      L.conv(16, 3),
      L.maxPool(),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]),
    hyper: hyper(),
  },
  {
    id: 'stack-3x3',
    title: 'Kernel size: a stack of 3×3',
    lesson:
      'Three 3×3 convolutions see a 7×7 patch with fewer weights and more non-linearities than one big kernel.',
    dataset: 'mnist',
    graph: STACK_3X3,
    hyper: hyper(),
  },
  {
    id: 'one-10x10',
    title: 'Kernel size: one 10×10',
    lesson:
      'One 10×10 convolution: 1,616 weights for a single linear look at a 10×10 patch — compare with the 3×3 stack.',
    dataset: 'mnist',
    graph: ONE_10X10,
    hyper: hyper(),
  },
  {
    id: 'stride2',
    title: 'Stride-2 downsampling',
    lesson: 'Convolutions with stride 2 shrink the map themselves, replacing the pooling layers.',
    dataset: 'mnist',
    graph: classifier([
      L.image(),
      L.conv(8, 3, { stride: 2 }),
      L.conv(16, 3, { stride: 2 }),
      L.flatten(),
      L.dense(32),
      L.dense(10, 'softmax'),
    ]),
    hyper: hyper(),
  },
  {
    id: 'compare-kernel-size',
    title: 'Kernel size: 3×3 stack vs 10×10',
    lesson:
      'Press Start comparison in the Runs panel: the 3×3 stack and the one 10×10 train in turn. Then compare params, ' +
      'FLOPs, best val acc and examples/s in the table, and tick both rows to see their kernels in the Side by side panel.',
    dataset: 'mnist',
    graph: STACK_3X3,
    hyper: hyper(),
    comparison: {
      variants: [
        { label: '3×3 stack', graph: STACK_3X3 },
        { label: 'one 10×10', graph: ONE_10X10 },
      ],
      budget: { unit: 'steps', amount: 300 },
      duration: 'about 80 seconds',
    },
  },
  {
    id: 'compare-stride',
    title: 'Stride 1 vs 2',
    lesson:
      'Press Start comparison in the Runs panel: the small CNN trains with its first convolution at stride 1, then 2. ' +
      'Stride 2 quarters the maps: compare FLOPs, examples/s and best val acc, and the maps in the Side by side panel.',
    dataset: 'mnist',
    graph: STRIDE_BASE,
    hyper: hyper(),
    comparison: {
      variants: [
        { label: 'stride 1', graph: STRIDE_BASE },
        { label: 'stride 2', graph: STRIDE_2 },
      ],
      budget: { unit: 'steps', amount: 1200 },
      duration: 'about a minute',
    },
  },
  {
    id: 'optimizers-compared',
    title: 'Optimizers compared',
    lesson:
      'Press Start comparison in the Runs panel: logistic regression trains with SGD, momentum, Adam, Adadelta, ' +
      'L-BFGS and conjugate gradient, the same seconds each. In Loss, tick the runs and compare by Step, then by Time.',
    dataset: 'mnist',
    graph: LOGISTIC,
    hyper: hyper({ learningRate: 0.005 }),
    comparison: {
      variants: OPTIMIZER_VARIANTS,
      budget: { unit: 'seconds', amount: 10 },
      duration: 'about 70 seconds',
      explain:
        'SGD, momentum, Adam and Adadelta take one cheap step per small batch, guided by the slope alone. ' +
        'L-BFGS also remembers how the slope changed over its last steps, which tells it how the loss curves, and ' +
        'heads more directly for the bottom; conjugate gradient picks each new direction so that it does not undo ' +
        'the last ones. Both then search along that direction for a good step length, which costs several passes ' +
        'over a large batch: better steps, but each one takes longer. That pays on a small, smooth problem like this ' +
        'one, where a big batch stands for the whole training set. On a large network trained on small, noisy ' +
        'batches, the curvature they measure on one batch misleads them and every step is expensive, so ' +
        'first-order methods win there. Here, by step, L-BFGS and conjugate gradient get low in a few dozen steps ' +
        'where the others need hundreds; by time, each of their steps costs about a third of a second, so the ' +
        'first-order methods get there sooner, and all six end near 90–92% on the test images.',
    },
  },
  {
    id: 'autoencoder',
    title: 'Compression autoencoder',
    lesson: 'Squeeze 784 pixels through a 32-number code and rebuild the image: the code keeps what matters.',
    dataset: 'mnist',
    graph: compressionAutoencoder(SHIPPED_SHAPE),
    forShape: compressionFor,
    hyper: hyper({ batchSize: 64 }),
  },
  {
    id: 'denoising-autoencoder',
    title: 'Denoising autoencoder',
    lesson: 'Learn to remove noise: the input is corrupted, the target is the clean image.',
    dataset: 'mnist',
    graph: denoisingAutoencoder(SHIPPED_SHAPE),
    forShape: denoisingFor,
    hyper: hyper({ batchSize: 64 }),
    inputNoise: 0.3,
  },
  {
    id: 'rbm',
    title: 'RBM: a machine that dreams',
    lesson:
      'A restricted Boltzmann machine learns what digits look like without labels, then dreams new ones by Gibbs sampling.',
    dataset: 'mnist',
    graph: rbmGraph(SHIPPED_SHAPE),
    forShape: (shape) => ({ graph: rbmGraph(shape) }),
    // Contrastive divergence takes plain gradient steps: learning rate 0.1 at batch 32 (rbmHyper.ts has the timing).
    hyper: hyper({ optimizer: 'sgd', learningRate: 0.1, batchSize: 32, validateEvery: 300, epochs: 3 }),
    rbm: DEFAULT_RBM_HYPER,
  },
  {
    id: 'dbn-pretraining',
    title: 'Deep belief net: pretrained vs random init',
    lesson:
      'Press Start comparison in the Runs panel: the same sigmoid net trains twice, first from a stack of RBMs ' +
      'pretrained layer by layer, then from random weights. In Loss, tick both runs.',
    dataset: 'mnist',
    graph: DBN_NET,
    hyper: hyper({ rbmPretrainEpochs: 1, validateEvery: 50 }),
    comparison: {
      variants: [
        { label: 'RBM pretrained', graph: DBN_NET, hyper: { rbmPretrainEpochs: 1 } },
        { label: 'random init', graph: DBN_NET, hyper: { rbmPretrainEpochs: 0 } },
      ],
      budget: { unit: 'steps', amount: 600 },
      duration: 'about 45 seconds',
      explain:
        'Greedy pretraining: the first RBM learns features of the pixels without labels, the second learns features ' +
        'of the first one’s features, and so on, one layer at a time. Their weights then start the Dense layers, and ' +
        'backprop with the labels fine-tunes the whole net. Both runs get the same fine-tuning steps and seed; the ' +
        'pretrained one also pays for its pretraining, which counts in its time. Around 2006 this was how deep nets ' +
        'of sigmoids could be trained at all: from small random weights the error signal faded on its way down. ' +
        'Since then ReLU units, careful initialisation (Glorot, He), Adam and GPUs let plain backprop train deep nets ' +
        'from random weights, and CNNs, which share their weights across the image, beat DBNs on images, so ' +
        'pretraining dropped out of use. Here (MNIST, WASM on 2 cores) pretraining took 9 s; after the same 600 ' +
        'steps the pretrained net had 93.3% and loss 0.25 on the test images, the random one 91.9% and 0.30. With ' +
        'Glorot init and Adam the random net trains fine, only a little behind, and by time it was done before the ' +
        'pretrained one had started backprop.',
    },
  },
  dcgan(
    'dcgan',
    'DCGAN',
    'A generator turns random vectors into digits while a discriminator learns to tell them from real ones.',
    'mnist',
  ),
  dcgan(
    'dcgan-fashion',
    'DCGAN (Fashion-MNIST)',
    'The same two networks on clothes: watch which kinds of garment the generator learns to draw first.',
    'fashion-mnist',
  ),
  {
    id: 'procedural-tiny',
    title: 'Tiny CNN on shapes',
    lesson:
      'A four-filter CNN on generated shapes: trains in seconds, and its kernels become edge detectors.',
    dataset: 'procedural',
    graph: classifier([L.image(), L.conv(4, 3), L.maxPool(), L.flatten(), L.dense(10, 'softmax')]),
    hyper: hyper({ learningRate: 0.01 }),
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
