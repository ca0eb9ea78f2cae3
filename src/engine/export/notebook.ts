/**
 * The Jupyter notebook export (nbformat 4, opens in Colab): the PyTorch export's sections as code cells, each after
 * markdown that explains it — for every layer the playground's explanation, its formula with this network's numbers
 * and its parameters; for training the loss and the optimizer with the user's settings.
 */
import { pyNum } from '../layers/python';
import { isSecondOrder } from '../train/hyper';
import type { Graph } from '../graph/types';
import type { ExportWork } from './exportWork';
import { layerNotes, layerTable } from './layerNotes';
import { datasetNote } from './pythonData';
import { torchSections } from './torchScript';
import { targetOf } from './torchTraining';

interface Cell {
  readonly cell_type: 'markdown' | 'code';
  readonly id: string;
  readonly metadata: Record<string, never>;
  readonly source: string[];
  readonly outputs?: [];
  readonly execution_count?: null;
}

/** nbformat keeps a cell's text as lines that end in "\n" (all but the last). */
const sourceOf = (text: string): string[] => {
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
};

const OPTIMIZER_WORDS: Record<string, string> = {
  sgd: 'plain gradient descent: w ← w − η·g',
  momentum: 'gradient descent with momentum μ: v ← μ·v + g, w ← w − η·v',
  adam: 'Adam (β1 0.9, β2 0.999, ε 1e-7): steps scaled by running averages of the gradient and its square',
  adadelta: 'Adadelta (ρ 0.95, ε 1e-7)',
  rmsprop: 'RMSprop (decay 0.9, ε 1e-7): steps divided by a running root mean square of the gradient',
};

function frozenLine(graphs: readonly Graph[]): string[] {
  const ids = graphs.flatMap((g) =>
    g.nodes.filter((n) => n.frozen && n.layer.kind !== 'input').map((n) => n.id),
  );
  return ids.length > 0 ? [`- Frozen, so not trained: ${ids.join(', ')}.`] : [];
}

function trainingWords(work: ExportWork): string {
  const h = work.hyper;
  if (work.gan) {
    const g = work.ganHyper;
    const loss =
      g.loss === 'nonSaturating'
        ? 'the non-saturating loss: D minimises BCE(D(x), real) + BCE(D(G(z)), 0); G minimises BCE(D(G(z)), 1)'
        : 'least squares: D minimises ½·mean((D(x) − real)²) + ½·mean(D(G(z))²); G minimises ½·mean((D(G(z)) − 1)²)';
    return [
      '## Training',
      '',
      `- Each iteration takes ${g.kD} discriminator step(s) on fresh real batches of ${h.batchSize}, then ${g.kG} generator step(s).`,
      `- Loss: ${loss}, on D's raw output (a logit). Real images are labelled ${g.labelSmoothing ? '0.9 (one-sided label smoothing)' : '1'}.`,
      `- Both networks use Adam with β1 = ${pyNum(g.beta1)}: learning rate ${pyNum(g.lrD)} for D, ${pyNum(g.lrG)} for G.`,
      `- It runs for ${h.epochs} epoch(s) of the real images${h.maxSteps > 0 ? ` or ${h.maxSteps} iterations, whichever comes first` : ''}.`,
      ...frozenLine([work.gan.generator, work.gan.discriminator]),
    ].join('\n');
  }
  const target = targetOf(work.graph);
  const loss =
    target === 'labels'
      ? 'categorical cross-entropy, L = −Σ y·log p, with the outputs p clipped to [1e-7, 1 − 1e-7] as TF.js does'
      : target === 'inputBinary'
        ? 'binary cross-entropy between the output and the clean image, pixel by pixel'
        : 'mean squared error between the output and the clean image';
  const secondOrder = isSecondOrder(h.optimizer);
  const lr =
    h.schedule === 'linear'
      ? `η falls in a straight line from ${pyNum(h.learningRate)} to 0 over the run's ${h.epochs} epoch(s)`
      : h.decay > 0
        ? `η_t = ${pyNum(h.learningRate)} / (1 + ${pyNum(h.decay)}·t) at step t`
        : `η = ${pyNum(h.learningRate)}`;
  return [
    '## Training',
    '',
    `- Loss: ${loss}.`,
    secondOrder
      ? `- Optimizer: L-BFGS (history ${h.optimizer === 'lbfgs' ? h.historySize : 1}), one iteration with a strong Wolfe line search per step${h.optimizer === 'cg' ? ' (the playground used conjugate gradient, which torch.optim does not have)' : ''}.`
      : `- Optimizer: ${OPTIMIZER_WORDS[h.optimizer] ?? h.optimizer}, with learning rate ${lr}${h.optimizer === 'momentum' ? ` and μ = ${pyNum(h.momentum)}` : ''}.`,
    ...(h.clipNorm > 0 && !secondOrder
      ? [`- Gradients are scaled down to a global norm of ${pyNum(h.clipNorm)} when larger.`]
      : []),
    `- Batches of ${secondOrder ? h.secondOrderBatch : h.batchSize}, ${h.epochs} epoch(s)${h.maxSteps > 0 ? ` or ${h.maxSteps} steps, whichever comes first` : ''}.`,
    ...frozenLine([work.graph]),
    ...(h.labelSubset.length > 0 ? [`- Only the labels ${h.labelSubset.join(', ')} are used.`] : []),
    ...(work.inputNoise > 0
      ? [`- Denoising: training inputs get Gaussian noise of std-dev ${pyNum(work.inputNoise)}.`]
      : []),
    '',
    'The loss on a fixed batch of training images is printed before and after.',
  ].join('\n');
}

const networkTitle = (g: Graph): string =>
  g.role === 'generator' ? 'The generator' : g.role === 'discriminator' ? 'The discriminator' : 'The network';

const SAMPLES = [
  'try:',
  '    import matplotlib.pyplot as plt',
  '    grid = samples[:16].cpu().add(1).div(2).clamp(0, 1).permute(0, 2, 3, 1).numpy()',
  '    fig, axes = plt.subplots(2, 8, figsize=(8, 2))',
  '    for ax, img in zip(axes.flat, grid):',
  "        ax.imshow(img.squeeze(-1) if img.shape[-1] == 1 else img, cmap='gray')",
  "        ax.axis('off')",
  '    plt.show()',
  'except ImportError:',
  "    print('matplotlib is not installed: no picture of the samples.')",
];

/** The notebook as JSON text (.ipynb). */
export function notebook(work: ExportWork): string {
  const s = torchSections(work);
  const cells: Cell[] = [];
  const md = (text: string): void => {
    cells.push({
      cell_type: 'markdown',
      id: `cell-${cells.length + 1}`,
      metadata: {},
      source: sourceOf(text),
    });
  };
  const py = (lines: readonly string[]): void => {
    cells.push({
      cell_type: 'code',
      id: `cell-${cells.length + 1}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source: sourceOf(lines.join('\n').replace(/^\n+|\n+$/g, '')),
    });
  };
  const kind = work.gan ? 'GAN' : work.graph.role;
  md(
    [
      `# ${work.title}`,
      '',
      `The ${kind} from the CNN playground, with its settings, in PyTorch: run the cells in order (in Colab:`,
      'Runtime → Run all). Every layer is explained where the network is built, with the formulas and your numbers.',
      ...datasetNote(work).map((l) => l.replace(/^# ?/, '')),
    ].join('\n'),
  );
  md(
    "## Imports and helpers\n\nThe helpers reproduce what TF.js does where PyTorch differs: its initialisers, TF's 'same' padding (an odd pixel goes after, so the padding can be uneven), and an output-shape check against the playground.",
  );
  py([...s.imports, '', '', ...s.helpers]);
  md(
    "## Settings\n\nThe values from the playground. Set `DATA_DIR` to a folder with the dataset's IDX files to train offline" +
      (work.gan
        ? '.'
        : ', and `WEIGHTS` to the `model.json` of the playground\'s "Export model" to start from its trained weights.'),
  );
  py(s.settings);
  md(
    '## Data\n\nMNIST-style images as uint8 arrays, then tensors N×C×H×W (PyTorch puts the channels first; the playground writes shapes as H×W×C).',
  );
  py(s.data);
  for (const { graph, model } of s.models) {
    md(`## ${networkTitle(graph)}\n\n${layerTable(graph)}`);
    for (const note of layerNotes(graph, model)) md(note);
    py(model.lines);
  }
  md("## Build and check the shapes\n\nEvery layer's output shape in PyTorch must equal the playground's.");
  py(s.build);
  md(trainingWords(work));
  py(s.train);
  md('## Evaluation on the test split');
  py(work.gan ? [...s.evaluate, '', ...SAMPLES] : s.evaluate);
  return `${JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
        language_info: { name: 'python' },
        colab: { provenance: [] },
      },
      cells,
    },
    null,
    1,
  )}\n`;
}
