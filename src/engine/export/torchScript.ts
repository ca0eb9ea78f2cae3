/**
 * The PyTorch export: the work as sections of Python (imports and helpers, settings, data, the model classes, build,
 * training, evaluation). torchScript joins them into one runnable file; notebook.ts puts them into cells.
 */
import type { Graph } from '../graph/types';
import { inferShapes } from '../graph/shapes';
import { outputNode } from '../graph/graphUtils';
import { argparseLines, dataLines, ganSettings, latentSize, settingsLines } from './pythonData';
import type { ExportWork } from './exportWork';
import { COMMON_HELPERS, helperLines, type TorchHelper } from './torchHelpers';
import { TORCH_WEIGHTS } from './pythonWeights';
import { torchModel, type TorchModel } from './torchModel';
import {
  optimizerSettings,
  supervisedBuild,
  supervisedData,
  supervisedEvaluate,
  supervisedTrain,
  targetOf,
} from './torchTraining';
import { GAN_DATA, GAN_EVALUATE, ganBuild, ganTrain } from './torchGan';

export interface TorchSections {
  readonly imports: readonly string[];
  readonly helpers: readonly string[];
  readonly settings: readonly string[];
  readonly data: readonly string[];
  readonly models: readonly { readonly graph: Graph; readonly model: TorchModel }[];
  readonly build: readonly string[];
  readonly train: readonly string[];
  readonly evaluate: readonly string[];
}

const IMPORTS = [
  'import gzip',
  'import json',
  'import math',
  'import os',
  'import struct',
  '',
  'import numpy as np',
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
];

const LOAD_STANDARD = [
  'def load_standard(name):',
  '    """MNIST or Fashion-MNIST through torchvision (downloaded once into ./data). The playground splits',
  '    Fashion-MNIST its own way (docs/datasets.md); this is the standard 60,000 / 10,000 split."""',
  '    import torchvision',
  "    cls = torchvision.datasets.MNIST if name == 'mnist' else torchvision.datasets.FashionMNIST",
  "    sets = [cls('data', train=train, download=True) for train in (True, False)]",
  '    return tuple(a for s in sets for a in (s.data.numpy()[..., None], s.targets.numpy()))',
];

/** The classifier's head width: the last axis of its output. */
function headUnits(graph: Graph): number | null {
  const out = outputNode(graph);
  const shape = out === undefined ? null : inferShapes(graph).get(out)?.output;
  return shape ? ((shape[shape.length - 1] as number) ?? null) : null;
}

export function torchSections(work: ExportWork): TorchSections {
  const h = work.hyper;
  const gan = work.gan;
  const models = gan
    ? [
        { graph: gan.generator, model: torchModel(gan.generator, 'Generator') },
        { graph: gan.discriminator, model: torchModel(gan.discriminator, 'Discriminator') },
      ]
    : [
        {
          graph: work.graph,
          model: torchModel(work.graph, work.graph.role === 'autoencoder' ? 'Autoencoder' : 'Classifier'),
        },
      ];
  const used = new Set<TorchHelper>();
  for (const m of models) m.model.helpers.forEach((x) => used.add(x));
  const helpers = [...COMMON_HELPERS, ...helperLines(used), ...(gan ? [] : ['', '', ...TORCH_WEIGHTS])];
  const classifier = !gan && work.graph.role === 'classifier';
  const data = [...dataLines({ classifier }), '', '', ...LOAD_STANDARD, '', ''];
  if (gan) {
    return {
      imports: IMPORTS,
      helpers,
      settings: [
        ...settingsLines(work, { classes: null }),
        ...ganSettings(work.ganHyper, latentSize(gan.generator), h.clipNorm),
      ],
      data: [...data, ...GAN_DATA],
      models,
      build: ganBuild(),
      train: ganTrain(h.clipNorm > 0),
      evaluate: GAN_EVALUATE,
    };
  }
  const target = targetOf(work.graph);
  const className = models[0]!.model.className;
  return {
    imports: IMPORTS,
    helpers,
    settings: [
      ...settingsLines(work, {
        classes: classifier ? (headUnits(work.graph) ?? work.dataset.classes) : null,
      }),
      ...optimizerSettings(h),
    ],
    data: [...data, ...supervisedData(target)],
    models,
    build: supervisedBuild(h, className, target),
    train: supervisedTrain(h, { noise: work.inputNoise > 0 && !classifier, classifier }),
    evaluate: supervisedEvaluate(classifier),
  };
}

const block = (lines: readonly string[]): string[] => ['', '', ...lines];

/** One runnable file: python model_pytorch.py [--data FOLDER] [--epochs N] [--max-steps N]. */
export function torchScript(work: ExportWork): string {
  const s = torchSections(work);
  const kind = work.gan ? 'GAN (generator and discriminator)' : work.graph.role;
  return [
    `"""${work.title}: the playground's ${kind} as a PyTorch script that trains.`,
    '',
    'Run: python model_pytorch.py [--data FOLDER] [--epochs N] [--max-steps N]   (needs: pip install torch torchvision)',
    "FOLDER holds the dataset as IDX files (e.g. MNIST's) or as the playground prepares it (public/datasets/mnist);",
    'without it torchvision downloads the dataset."""',
    'import argparse',
    ...s.imports,
    ...block(s.helpers),
    ...block(s.settings),
    ...argparseLines(`Train the playground's ${kind} in PyTorch.`, !work.gan),
    ...block(s.data),
    ...s.models.flatMap((m) => block(m.model.lines)),
    ...block(s.build),
    ...block(s.train),
    ...block(s.evaluate),
    '',
  ].join('\n');
}
