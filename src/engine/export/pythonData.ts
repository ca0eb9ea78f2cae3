/**
 * The Python both training exports share: the settings block and the data code (a local folder of the playground's
 * files or of MNIST's IDX files, else the framework's standard download; the label subset; the playground's epoch
 * sampler). Framework-specific parts (the standard download, tensors) are written by kerasScript.ts / torchScript.ts.
 */
import { augmentActive } from '../data/augment';
import { pyNum, pyStr, tuple } from '../layers/python';
import type { GanHyper } from '../gan/ganHyper';
import type { Graph } from '../graph/types';
import type { ExportWork } from './exportWork';

const list = (xs: readonly number[]): string => `[${xs.join(', ')}]`;

/** What the run trains on, in words, for a comment. */
export function datasetNote(work: ExportWork): string[] {
  const d = work.dataset;
  if (d.standard === null)
    return [
      `# The playground trained on "${d.name}" (${d.shape.join('×')} images, ${d.classes} classes), which exists only`,
      '# in your browser: pass a folder with the same images as IDX files (--data), see load_local below.',
    ];
  if (d.substitute)
    return [
      `# The playground trained on "${d.name}", which it makes in the browser; without --data this code trains on`,
      `# ${d.standard === 'mnist' ? 'MNIST' : 'Fashion-MNIST'} instead (the same image shape).`,
    ];
  return [];
}

/** The settings taken from the playground, as constants a student can change. */
export function settingsLines(work: ExportWork, opts: { readonly classes: number | null }): string[] {
  const h = work.hyper;
  const a = h.augment;
  const augment = augmentActive(a)
    ? [
        `# The playground also changed each training image at random (shift ${a.shift} px, flip ${a.flip ? 'on' : 'off'},` +
          ` rotate ${a.rotate}°, zoom ${a.zoom}, jitter ${a.jitter}); this code trains without that.`,
      ]
    : [];
  return [
    '# Settings from the playground. DATA_DIR, EPOCHS, MAX_STEPS (and WEIGHTS) can also be set on the command line or',
    '# in the environment (PLAYGROUND_DATA, PLAYGROUND_EPOCHS, PLAYGROUND_MAX_STEPS, PLAYGROUND_WEIGHTS).',
    ...datasetNote(work),
    "DATA_DIR = os.environ.get('PLAYGROUND_DATA')  # a folder with the dataset's files; None: the standard download",
    ...(work.gan
      ? []
      : [
          "WEIGHTS = os.environ.get('PLAYGROUND_WEIGHTS')  # model.json from the playground's \"Export model\": start from it",
        ]),
    `DATASET = ${pyStr(work.dataset.standard ?? 'local')}`,
    `IMAGE_SHAPE = ${tuple(work.dataset.shape)}  # height, width, channels`,
    `DATASET_CLASSES = ${work.dataset.classes}`,
    ...(opts.classes !== null ? [`CLASSES = ${opts.classes}  # units of the last layer`] : []),
    `LABEL_SUBSET = ${list(h.labelSubset)}  # train and test only on these labels ([] = all)`,
    `BATCH_SIZE = ${h.batchSize}`,
    `EPOCHS = int(os.environ.get('PLAYGROUND_EPOCHS', ${h.epochs}))`,
    `MAX_STEPS = int(os.environ.get('PLAYGROUND_MAX_STEPS', ${h.maxSteps}))  # stop after this many steps (0 = no limit)`,
    `VALIDATE_EVERY = ${h.validateEvery}  # steps between evaluations on the test split (0 = at epoch ends only)`,
    `SEED = ${work.seed}`,
    ...(work.inputNoise > 0
      ? [
          `INPUT_NOISE = ${pyNum(work.inputNoise)}  # std-dev of the noise added to training inputs (pixels 0..1)`,
        ]
      : []),
    ...augment,
  ];
}

/** The GAN settings (both frameworks). */
export function ganSettings(g: GanHyper, latent: number, clipNorm: number): string[] {
  return [
    `LATENT = ${latent}  # length of the generator's input z`,
    `DISTRIBUTION = ${pyStr(g.distribution)}  # z ~ N(0, 1) or U(−1, 1)`,
    `K_D, K_G = ${g.kD}, ${g.kG}  # discriminator and generator steps per iteration`,
    `LR_D, LR_G = ${pyNum(g.lrD)}, ${pyNum(g.lrG)}`,
    `BETA1 = ${pyNum(g.beta1)}  # Adam's β1 for both networks`,
    `LOSS = ${pyStr(g.loss)}  # 'nonSaturating' or 'leastSquares'`,
    `REAL_LABEL = ${g.labelSmoothing ? '0.9  # one-sided label smoothing' : '1.0'}`,
    `CLIP_NORM = ${pyNum(clipNorm)}  # each network's gradients scaled down to this global norm (0 = off)`,
  ];
}

/** Command-line overrides for the script (a notebook keeps the constants); --weights where WEIGHTS exists. */
export const argparseLines = (description: string, weights: boolean): string[] => [
  `parser = argparse.ArgumentParser(description=${pyStr(description)})`,
  "parser.add_argument('--data', default=DATA_DIR, help='folder with the dataset files (IDX or the playground\\'s)')",
  "parser.add_argument('--epochs', type=int, default=EPOCHS)",
  "parser.add_argument('--max-steps', type=int, default=MAX_STEPS, help='stop after this many steps (0 = no limit)')",
  ...(weights
    ? [
        "parser.add_argument('--weights', default=WEIGHTS, help='model.json from the playground\\'s \"Export model\"')",
      ]
    : []),
  'args = parser.parse_args()',
  'DATA_DIR, EPOCHS, MAX_STEPS = args.data, args.epochs, args.max_steps',
  ...(weights ? ['WEIGHTS = args.weights'] : []),
];

const LOCAL = String.raw`
def read_idx(path):
    """One IDX file (MNIST's format), gzipped or not, as a uint8 array."""
    with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack('>' + 'I' * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_local(folder):
    """Train and test images (N×H×W×C, uint8) and labels from a folder: the playground's own files (the
    public/datasets/<name>/ folder it prepares, with manifest.json) or MNIST's four IDX files
    (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, or .gz)."""
    manifest = os.path.join(folder, 'manifest.json')
    if os.path.exists(manifest):
        with open(manifest) as f:
            m = json.load(f)

        def part(role):
            entry = next(e for e in m['files'] if e['role'] == role)
            with open(os.path.join(folder, entry['name']), 'rb') as f:
                raw = f.read()
            return np.frombuffer(gzip.decompress(raw) if entry['compression'] == 'gzip' else raw, np.uint8)

        shape = (-1,) + tuple(m['shape'])
        return (part('trainImages').reshape(shape), part('trainLabels'),
                part('testImages').reshape(shape), part('testLabels'))

    def idx(stem):
        for sub in ('', 'raw', os.path.join('MNIST', 'raw'), os.path.join('FashionMNIST', 'raw')):
            for name in (stem, stem + '.gz', stem.replace('-idx', '.idx')):
                path = os.path.join(folder, sub, name)
                if os.path.exists(path):
                    return read_idx(path)
        raise FileNotFoundError(f'{stem} (or {stem}.gz) is not in {folder}')

    images = [idx(f'{s}-images-idx3-ubyte') for s in ('train', 't10k')]
    labels = [idx(f'{s}-labels-idx1-ubyte') for s in ('train', 't10k')]
    images = [x[..., None] if x.ndim == 3 else x for x in images]
    return images[0], labels[0], images[1], labels[1]


def load_dataset():
    """(x_train, y_train, x_test, y_test): uint8 images N×H×W×C and their labels."""
    if DATA_DIR:
        data = load_local(DATA_DIR)
    elif DATASET == 'local':
        raise SystemExit('This dataset exists only in the playground: pass --data FOLDER (IDX files).')
    else:
        data = load_standard(DATASET)
    if tuple(data[0].shape[1:]) != IMAGE_SHAPE:
        raise SystemExit(f'The images are {data[0].shape[1:]}, the network expects {IMAGE_SHAPE}.')
    return data


class EpochSampler:
    """Batches of indices as the playground draws them: a reshuffle per epoch, a short last batch."""

    def __init__(self, n, seed):
        self.n, self.rng, self.epoch, self.pos = n, np.random.default_rng(seed), 0, 0
        self.order = self.rng.permutation(n)

    def next(self, size):
        batch = self.order[self.pos:self.pos + size]
        self.pos += len(batch)
        if self.pos >= self.n:
            self.epoch, self.pos, self.order = self.epoch + 1, 0, self.rng.permutation(self.n)
        return batch
`;

const SELECT = String.raw`

def select_labels(x, y):
    """The label subset: only those examples."""
    y = y.astype(np.int64)
    if LABEL_SUBSET:
        keep = np.isin(y, LABEL_SUBSET)
        x, y = x[keep], y[keep]
    return x, y
`;

const SELECT_AND_ONE_HOT = String.raw`

def select_labels(x, y):
    """The label subset: only those examples. A head with one unit per kept label (the transfer lesson's 5)
    learns the k-th smallest kept label as class k."""
    y = y.astype(np.int64)
    if LABEL_SUBSET:
        keep = np.isin(y, LABEL_SUBSET)
        x, y = x[keep], y[keep]
        if CLASSES < DATASET_CLASSES and len(LABEL_SUBSET) == CLASSES:
            y = np.searchsorted(np.sort(LABEL_SUBSET), y)
    return x, y


def one_hot(y):
    """One-hot targets; a label beyond the last layer's units gets a row of zeros, as in the playground."""
    out = np.zeros((len(y), CLASSES), np.float32)
    ok = np.nonzero(y < CLASSES)[0]
    out[ok, y[ok]] = 1
    return out
`;

/** The data functions; a classifier's also renumber a subset for a narrower head and make one-hot targets. */
export function dataLines(opts: { readonly classifier: boolean }): string[] {
  const code = LOCAL + (opts.classifier ? SELECT_AND_ONE_HOT : SELECT);
  return code.slice(1).trimEnd().split('\n');
}

/** The generator's latent size: the length of its Input. */
export function latentSize(generator: Graph): number {
  const input = generator.nodes.find((n) => n.layer.kind === 'input');
  return input?.layer.kind === 'input' ? (input.layer.shape[0] ?? 0) : 0;
}
