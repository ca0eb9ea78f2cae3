/**
 * The layer catalogue: every block the editor's palette offers, with teaching defaults and a short explanation
 * (what it does, its formula, when to use it) for tooltips and the inspector.
 */
import type { LayerKind, LayerSpec } from './types';

export type LayerCategory =
  'input' | 'conv' | 'pool' | 'dense' | 'shape' | 'regularize' | 'activation' | 'merge';

/** The spec of one kind (works for kinds that share an interface, like maxPool2d / avgPool2d). */
export type SpecOf<K extends LayerKind> = LayerSpec & { readonly kind: K };

export interface LayerInfo<K extends LayerKind = LayerKind> {
  readonly kind: K;
  readonly title: string;
  readonly short: string;
  readonly explanation: string;
  readonly formula?: string;
  readonly defaults: SpecOf<K>;
  readonly category: LayerCategory;
}

export const CATALOGUE: { readonly [K in LayerKind]: LayerInfo<K> } = {
  input: {
    kind: 'input',
    title: 'Input',
    short: 'Where examples enter: dataset images or a random latent vector.',
    explanation:
      'The Input block holds no weights. For classifiers and autoencoders it receives the dataset images ' +
      '(height × width × channels, e.g. 28×28×1 for MNIST). For a GAN generator it receives a latent vector z ' +
      'drawn from a normal or uniform distribution, which the generator turns into an image.',
    defaults: { kind: 'input', source: 'dataset', shape: [28, 28, 1] },
    category: 'input',
  },
  conv2d: {
    kind: 'conv2d',
    title: 'Conv2D',
    short: 'Slides K learned F×F filters over the image; each makes one feature map.',
    explanation:
      'A convolution slides each of its K small filters (F×F×D1 weights) across the input and takes a dot product ' +
      'at every position, so one filter detects one local pattern anywhere in the image. The output has one channel ' +
      'per filter. Stride S skips positions (downsampling), padding P adds a zero border so edges are covered, and ' +
      'dilation spreads the filter taps apart to see further without more weights. Use it for images: it shares ' +
      'weights across positions, so it needs far fewer parameters than a dense layer. He normal initialization suits ' +
      'a ReLU that follows.',
    formula: 'W2 = (W1 − F + 2P) / S + 1;  params = (F·F·D1)·K + K',
    defaults: {
      kind: 'conv2d',
      filters: 8,
      kernel: [3, 3],
      stride: [1, 1],
      padding: 'same',
      dilation: [1, 1],
      activation: 'relu',
      useBias: true,
      initializer: 'heNormal',
    },
    category: 'conv',
  },
  conv2dTranspose: {
    kind: 'conv2dTranspose',
    title: 'Conv2DTranspose',
    short: 'The "deconvolution": spreads each input pixel over an F×F patch to grow the image.',
    explanation:
      'A transposed convolution runs a convolution backwards: every input value is multiplied by an F×F×K filter and ' +
      'added into the output around its position, with stride S spacing the positions apart. With stride 2 the output ' +
      'is twice as large, which is how GAN generators and autoencoder decoders grow a small feature map into an image.',
    formula: 'same: W2 = W1·S;  valid: W2 = W1·S + max(F − S, 0);  params = (F·F·K)·D1 + K',
    defaults: {
      kind: 'conv2dTranspose',
      filters: 8,
      kernel: [4, 4],
      stride: [2, 2],
      padding: 'same',
      activation: 'relu',
      useBias: true,
      initializer: 'heNormal',
    },
    category: 'conv',
  },
  maxPool2d: {
    kind: 'maxPool2d',
    title: 'MaxPool2D',
    short: 'Keeps the largest value in each F×F window: smaller maps, a little shift tolerance.',
    explanation:
      'Max pooling splits each feature map into F×F windows (moved by stride S) and keeps only the largest value of ' +
      'each window. It has no weights. It halves the height and width with the usual F = 2, S = 2, so later layers ' +
      'cost less and see a larger part of the image, and a feature that moves by a pixel often gives the same output.',
    formula: 'W2 = (W1 − F) / S + 1, channels unchanged',
    defaults: { kind: 'maxPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' },
    category: 'pool',
  },
  avgPool2d: {
    kind: 'avgPool2d',
    title: 'AvgPool2D',
    short: 'Averages each F×F window: a smooth downsampling without weights.',
    explanation:
      'Average pooling works like max pooling but keeps the mean of each F×F window instead of the maximum. ' +
      'It blurs a little while it shrinks the map, and every input value contributes to the output.',
    formula: 'W2 = (W1 − F) / S + 1, channels unchanged',
    defaults: { kind: 'avgPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' },
    category: 'pool',
  },
  globalAvgPool: {
    kind: 'globalAvgPool',
    title: 'GlobalAveragePool',
    short: 'Averages each whole feature map to one number: H×W×C becomes C.',
    explanation:
      'Global average pooling replaces each feature map by its mean, so an H×W×C tensor becomes a vector of C values. ' +
      'It is a weight-free alternative to Flatten before the classifier, and it works for any input size.',
    formula: 'H×W×C → C',
    defaults: { kind: 'globalAvgPool' },
    category: 'pool',
  },
  dense: {
    kind: 'dense',
    title: 'Dense',
    short: 'Fully connected: every output unit weighs every input value.',
    explanation:
      'A dense (fully connected, FC) layer computes y = activation(W·x + b): each of its units has one weight per ' +
      'input value plus a bias. It mixes information from the whole input, so it usually comes at the end of a CNN ' +
      'after Flatten. The last dense layer of a classifier has one unit per class, followed by softmax.',
    formula: 'y = f(W·x + b);  params = N_in·units + units',
    defaults: { kind: 'dense', units: 32, activation: 'relu', useBias: true, initializer: 'heNormal' },
    category: 'dense',
  },
  flatten: {
    kind: 'flatten',
    title: 'Flatten',
    short: 'Unrolls an H×W×C tensor into one long vector for the dense layers.',
    explanation:
      'Flatten lays all values of a tensor out in one row (H·W·C values), without changing them. It is the bridge ' +
      'between the convolutional part of a network and its dense layers.',
    formula: 'H×W×C → H·W·C',
    defaults: { kind: 'flatten' },
    category: 'shape',
  },
  reshape: {
    kind: 'reshape',
    title: 'Reshape',
    short: 'Reads the same values in a new shape (the sizes must multiply to the same total).',
    explanation:
      'Reshape changes how the values are arranged without changing them, e.g. a dense output of 7·7·16 = 784 values ' +
      'into a 7×7×16 feature map, as a GAN generator does before its transposed convolutions. The product of the new ' +
      'sizes must equal the number of input values.',
    formula: 'product of sizes unchanged',
    defaults: { kind: 'reshape', shape: [7, 7, 16] },
    category: 'shape',
  },
  dropout: {
    kind: 'dropout',
    title: 'Dropout',
    short:
      'During training, zeroes a random fraction of values so the network cannot rely on any single one.',
    explanation:
      'While training, dropout sets each value to zero with probability rate and scales the rest by 1 / (1 − rate); ' +
      'at test time it does nothing. Units cannot count on their neighbours, which reduces overfitting. Typical rates ' +
      'are 0.25 after convolutions and 0.5 between dense layers.',
    formula: 'y = x·m / (1 − rate), m ~ Bernoulli(1 − rate)',
    defaults: { kind: 'dropout', rate: 0.25 },
    category: 'regularize',
  },
  batchNorm: {
    kind: 'batchNorm',
    title: 'BatchNormalization',
    short: 'Rescales each channel to mean 0, variance 1 over the batch, then a learned scale and shift.',
    explanation:
      'Batch normalization standardizes every channel with the mean and variance of the current mini-batch, then ' +
      'applies a learned scale γ and shift β. It keeps running averages of mean and variance for test time (2·C ' +
      'values that are not trained by gradients). It makes deep networks train faster and less sensitive to the ' +
      'learning rate.',
    formula: 'y = γ·(x − μ) / √(σ² + ε) + β;  params = 4·C (2·C trainable)',
    defaults: { kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 },
    category: 'regularize',
  },
  activation: {
    kind: 'activation',
    title: 'Activation',
    short: 'Applies a non-linearity (ReLU, Leaky ReLU, sigmoid, tanh, softmax, ELU) to every value.',
    explanation:
      'Without a non-linearity a stack of layers collapses into one linear map. ReLU max(0, x) is the usual choice ' +
      'in CNNs; Leaky ReLU keeps a small slope α for negative inputs so units cannot die (used in GAN ' +
      'discriminators); sigmoid squashes to (0, 1), tanh to (−1, 1) (GAN generator outputs); softmax turns the last ' +
      "layer's scores into class probabilities and belongs at the end of a classifier.",
    formula: 'ReLU: max(0, x);  Leaky: x if x > 0 else α·x;  softmax: e^xi / Σ e^xj',
    defaults: { kind: 'activation', fn: 'relu', alpha: 0.2 },
    category: 'activation',
  },
  upSampling2d: {
    kind: 'upSampling2d',
    title: 'UpSampling2D',
    short: 'Repeats every pixel s×s times: a weight-free way to enlarge a feature map.',
    explanation:
      'Upsampling copies each value into an s×s block (nearest neighbour), so the map grows by the factor s in ' +
      'height and width. A convolution after it can then learn to smooth the blocks; it is a common alternative to ' +
      'transposed convolutions in decoders.',
    formula: 'H×W×C → (s·H)×(s·W)×C',
    defaults: { kind: 'upSampling2d', size: [2, 2] },
    category: 'shape',
  },
  add: {
    kind: 'add',
    title: 'Add',
    short: 'Adds its inputs element by element (a residual / skip connection).',
    explanation:
      'Add takes two or more tensors of exactly the same shape and sums them value by value. With one input coming ' +
      'straight from an earlier layer it forms a residual connection: the layers in between only need to learn a ' +
      'correction, which makes deep networks easier to train.',
    formula: 'y = x1 + x2 + …',
    defaults: { kind: 'add' },
    category: 'merge',
  },
  concatenate: {
    kind: 'concatenate',
    title: 'Concatenate',
    short: 'Stacks its inputs along the channel axis (sizes must match except channels).',
    explanation:
      'Concatenate joins two or more tensors along the last axis: H×W×C1 and H×W×C2 become H×W×(C1 + C2). ' +
      'The other sizes must agree. It lets later layers see features from several branches at once, as in ' +
      'Inception blocks or U-Net skip connections. Inputs are taken in edge order.',
    formula: 'H×W×C1 ⊕ H×W×C2 → H×W×(C1 + C2)',
    defaults: { kind: 'concatenate' },
    category: 'merge',
  },
};

export const PALETTE_ORDER: readonly LayerKind[] = [
  'input',
  'conv2d',
  'maxPool2d',
  'avgPool2d',
  'activation',
  'dense',
  'flatten',
  'dropout',
  'batchNorm',
  'globalAvgPool',
  'conv2dTranspose',
  'upSampling2d',
  'reshape',
  'add',
  'concatenate',
];

/** A fresh copy of the default spec for a kind (safe to modify by spreading). */
export function defaultLayer<K extends LayerKind>(kind: K): SpecOf<K> {
  return CATALOGUE[kind].defaults as SpecOf<K>;
}
