/**
 * The PyTorch training code of a classifier or autoencoder as the playground trains it: its optimizer with TF.js's
 * settings and the 1 / (1 + decay·step) schedule, its loss (categorical cross-entropy as TF.js computes it, binary
 * cross-entropy or squared error), gradient clipping, frozen layers, the label subset and the epoch sampler; then
 * evaluation on the test split. Also the optimizer lines the GAN export shares.
 */
import { assertNever } from '../assertNever';
import { endsInSigmoid } from '../graph/graphUtils';
import type { Graph } from '../graph/types';
import { pyNum } from '../layers/python';
import { isSecondOrder, type Hyper } from '../train/hyper';

/**
 * torch.optim with TF.js's defaults where PyTorch's differ (ε 1e-7, RMSprop's decay 0.9, Adadelta's ρ 0.95). The
 * line-search methods take one iteration per step on a fixed batch: torch.optim.LBFGS with a strong Wolfe line
 * search; conjugate gradient has no torch.optim counterpart, so L-BFGS stands in for it (the settings say so).
 */
export function torchOptimizer(h: Pick<Hyper, 'optimizer'>, params: string, lr: string): string {
  switch (h.optimizer) {
    case 'sgd':
      return `torch.optim.SGD(${params}, lr=${lr})`;
    case 'momentum':
      return `torch.optim.SGD(${params}, lr=${lr}, momentum=MOMENTUM)`;
    case 'adam':
      return `torch.optim.Adam(${params}, lr=${lr}, eps=1e-7)`;
    case 'adadelta':
      return `torch.optim.Adadelta(${params}, lr=${lr}, rho=0.95, eps=1e-7)`;
    case 'rmsprop':
      return `torch.optim.RMSprop(${params}, lr=${lr}, alpha=0.9, eps=1e-7)`;
    case 'lbfgs':
    case 'cg':
      return `torch.optim.LBFGS(${params}, lr=1, max_iter=1, history_size=HISTORY_SIZE, line_search_fn='strong_wolfe')`;
    default:
      return assertNever(h.optimizer);
  }
}

export function optimizerSettings(h: Hyper): string[] {
  if (isSecondOrder(h.optimizer))
    return [
      `OPTIMIZER = '${h.optimizer}'`,
      ...(h.optimizer === 'cg'
        ? [
            '# Conjugate gradient has no torch.optim counterpart: L-BFGS, the other line-search method, stands in.',
          ]
        : []),
      `HISTORY_SIZE = ${h.optimizer === 'lbfgs' ? h.historySize : 1}  # L-BFGS: recent steps that stand in for the curvature`,
      `SECOND_ORDER_BATCH = ${h.secondOrderBatch}  # examples per step, the same ones through its line search`,
    ];
  return [
    `OPTIMIZER = '${h.optimizer}'`,
    `LEARNING_RATE = ${pyNum(h.learningRate)}`,
    h.schedule === 'linear'
      ? "SCHEDULE = 'linear'  # the rate falls in a straight line from LEARNING_RATE to 0 over the run"
      : `DECAY = ${pyNum(h.decay)}  # the rate at step t is LEARNING_RATE / (1 + DECAY·t)`,
    ...(h.optimizer === 'momentum' ? [`MOMENTUM = ${pyNum(h.momentum)}`] : []),
    `CLIP_NORM = ${pyNum(h.clipNorm)}  # gradients scaled down to this global norm when larger (0 = off)`,
  ];
}

export type SupervisedTarget = 'labels' | 'input' | 'inputBinary';

export function targetOf(graph: Graph): SupervisedTarget {
  if (graph.role === 'classifier') return 'labels';
  return endsInSigmoid(graph) ? 'inputBinary' : 'input';
}

function lossLines(target: SupervisedTarget): string[] {
  switch (target) {
    case 'labels':
      return [
        'def loss_fn(output, target):',
        '    """Categorical cross-entropy as TF.js computes it: outputs normalised to sum 1, clipped to [ε, 1 − ε]."""',
        '    p = (output / output.sum(-1, keepdim=True)).clamp(EPSILON, 1 - EPSILON)',
        '    return -(target * p.log()).sum(-1).mean()',
      ];
    case 'inputBinary':
      return [
        'def loss_fn(output, target):',
        '    """Binary cross-entropy of the sigmoid output against the clean image (pixels 0..1), clipped like TF.js."""',
        '    return F.binary_cross_entropy(output.clamp(EPSILON, 1 - EPSILON), target)',
      ];
    case 'input':
      return [
        'def loss_fn(output, target):',
        '    """Mean squared error against the clean image."""',
        '    return F.mse_loss(output, target)',
      ];
    default:
      return assertNever(target);
  }
}

/** Loads the data as tensors: NCHW floats in 0..1 and one-hot targets (or the images themselves). */
export function supervisedData(target: SupervisedTarget): string[] {
  return [
    'x_train, y_train, x_test, y_test = load_dataset()',
    'x_train, y_train = select_labels(x_train, y_train)',
    'x_test, y_test = select_labels(x_test, y_test)',
    "print(f'{len(x_train)} training and {len(x_test)} test images of {IMAGE_SHAPE}')",
    '',
    '',
    'def to_tensor(images):',
    '    """uint8 N×H×W×C → float N×C×H×W in [0, 1], as the playground scales pixels."""',
    '    return torch.from_numpy(np.array(images)).permute(0, 3, 1, 2).float().div(255)',
    '',
    '',
    'x_train, x_test = to_tensor(x_train), to_tensor(x_test)',
    target === 'labels'
      ? 't_train, t_test = torch.from_numpy(one_hot(y_train)), torch.from_numpy(one_hot(y_test))'
      : 't_train, t_test = x_train, x_test  # an autoencoder learns to give back its input',
  ];
}

function optimizerLines(h: Hyper): string[] {
  const opt = `optimizer = ${torchOptimizer(h, 'params', 'LEARNING_RATE')}`;
  if (isSecondOrder(h.optimizer)) return [opt];
  if (h.schedule === 'linear')
    return [
      opt,
      '',
      '',
      'def linear_factor(step):',
      '    """The playground\'s linear schedule: 1 − the share of the EPOCHS done (called after each step, with the',
      '    sampler past that step\'s batch)."""',
      '    if step == 0:',
      '        return 1.0',
      '    return max(0.0, 1 - (sampler.epoch + sampler.pos / sampler.n) / EPOCHS)',
      '',
      '',
      'scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, linear_factor)',
    ];
  return [
    opt,
    'scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 / (1 + DECAY * step))',
  ];
}

/** Builds the model, checks its shapes, and makes the optimizer, loss and evaluation. */
export function supervisedBuild(h: Hyper, className: string, target: SupervisedTarget): string[] {
  return [
    'torch.manual_seed(SEED)',
    "device = 'cuda' if torch.cuda.is_available() else 'cpu'",
    `model = ${className}()`,
    'check_shapes(model, x_train[:2])',
    'if WEIGHTS:',
    '    load_tfjs_weights(model, WEIGHTS)',
    'model = model.to(device)',
    'params = [p for p in model.parameters() if p.requires_grad]',
    "print(f'{sum(p.numel() for p in model.parameters())} parameters, {sum(p.numel() for p in params)} trainable')",
    'if not params:',
    "    raise SystemExit('Every layer is frozen: there is nothing to train.')",
    ...optimizerLines(h),
    'EPSILON = 1e-7  # TF.js clips probabilities to [ε, 1 − ε] before taking logs',
    '',
    '',
    ...lossLines(target),
    '',
    '',
    'def evaluate(x, t, batch=256):',
    '    """Mean loss (and accuracy) over x in inference mode: dropout off, batch norm on its running averages."""',
    '    model.eval()',
    '    loss = correct = 0.0',
    '    with torch.no_grad():',
    '        for i in range(0, len(x), batch):',
    '            xb, tb = x[i:i + batch].to(device), t[i:i + batch].to(device)',
    '            out = model(xb)',
    '            loss += loss_fn(out, tb).item() * len(xb)',
    target === 'labels'
      ? '            correct += (out.argmax(-1) == tb.argmax(-1)).sum().item()'
      : '            correct = float("nan")  # no accuracy for an autoencoder',
    '    model.train()',
    '    return loss / len(x), correct / len(x)',
  ];
}

const firstOrderStep = (clip: boolean): string[] => [
  '    loss = loss_fn(model(x), t)',
  '    optimizer.zero_grad()',
  '    loss.backward()',
  ...(clip ? ['    torch.nn.utils.clip_grad_norm_(params, CLIP_NORM)'] : []),
  '    optimizer.step()',
  '    scheduler.step()',
];

/** A line-search step: the optimizer evaluates the loss on the same batch as often as its search needs. */
const SECOND_ORDER_STEP = [
  '',
  '    def closure():',
  '        optimizer.zero_grad()',
  '        batch_loss = loss_fn(model(x), t)',
  '        batch_loss.backward()',
  '        return batch_loss',
  '',
  '    loss = optimizer.step(closure)',
];

/** The training loop and the final evaluation; prints the loss on a fixed training batch before and after. */
export function supervisedTrain(
  h: Hyper,
  opts: { readonly noise: boolean; readonly classifier: boolean },
): string[] {
  const acc = (v: string): string => (opts.classifier ? `, test accuracy {${v}:.4f}` : '');
  return [
    'probe = slice(0, min(256, len(x_train)))  # a fixed training batch to compare the loss before and after',
    'loss_before = evaluate(x_train[probe], t_train[probe])[0]',
    "print(f'loss before training: {loss_before:.4f}')",
    'sampler = EpochSampler(len(x_train), SEED)',
    'step = 0',
    'model.train()',
    'while sampler.epoch < EPOCHS and not (MAX_STEPS and step >= MAX_STEPS):',
    '    epoch = sampler.epoch',
    `    idx = torch.from_numpy(sampler.next(${isSecondOrder(h.optimizer) ? 'SECOND_ORDER_BATCH' : 'BATCH_SIZE'}))`,
    '    x, t = x_train[idx].to(device), t_train[idx].to(device)',
    ...(opts.noise
      ? [
          '    x = (x + INPUT_NOISE * torch.randn_like(x)).clamp(0, 1)  # denoising: noisy input, clean target',
        ]
      : []),
    ...(isSecondOrder(h.optimizer) ? SECOND_ORDER_STEP : firstOrderStep(h.clipNorm > 0)),
    '    step += 1',
    '    if step == 1 or step % 50 == 0:',
    "        print(f'step {step}  epoch {epoch + 1}  loss {loss.item():.4f}')",
    '    if (VALIDATE_EVERY and step % VALIDATE_EVERY == 0) or sampler.epoch > epoch:',
    '        test_loss, test_acc = evaluate(x_test, t_test)',
    `        print(f'step {step}: test loss {test_loss:.4f}${acc('test_acc')}')`,
    '',
    'loss_after = evaluate(x_train[probe], t_train[probe])[0]',
    "print(f'loss after training: {loss_after:.4f} ({step} steps)')",
  ];
}

export function supervisedEvaluate(classifier: boolean): string[] {
  return [
    'test_loss, test_acc = evaluate(x_test, t_test)',
    `print(f'test split: loss {test_loss:.4f}${classifier ? ', accuracy {test_acc:.4f}' : ''}')`,
  ];
}
