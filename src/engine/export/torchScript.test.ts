import { describe, expect, it } from 'vitest';
import { chain } from '../graph/edit';
import { defaultLayer } from '../graph/catalogue';
import { PRESETS } from '../graph/presets';
import type { OptimizerId } from '../train/hyper';
import { torchModel } from './torchModel';
import { torchScript } from './torchScript';
import { presetWork, transferPhaseTwo } from './testWork';

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;

describe('torchModel', () => {
  it('one child module per layer, the forward pass in data order, the app’s shapes and initialisers', () => {
    const m = torchModel(preset('stride2').graph, 'Classifier');
    const code = m.lines.join('\n');
    expect(code).toContain(
      '        self.conv2d_1 = nn.Sequential(Pad((0, 1, 0, 1)), nn.Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2)), nn.ReLU())',
    );
    expect(code).toContain("        'conv2d_2': (7, 7, 16),");
    expect(code).toContain("        init_weights(self.conv2d_1, 'he_normal')");
    expect(code).toContain("        init_weights(self.dense_2, 'glorot_uniform')");
    const forward = code
      .split('def forward(self, x):\n')[1]!
      .split('\n')
      .map((l) => l.trim());
    expect(forward).toEqual([
      'x_input_1 = x  # 28×28×1',
      'x_conv2d_1 = self.conv2d_1(x_input_1)  # 14×14×8',
      'x_conv2d_2 = self.conv2d_2(x_conv2d_1)  # 7×7×16',
      'x_flatten_1 = self.flatten_1(x_conv2d_2)  # 784',
      'x_dense_1 = self.dense_1(x_flatten_1)  # 32',
      'x_dense_2 = self.dense_2(x_dense_1)  # 10',
      'return x_dense_2',
    ]);
  });

  it('lists frozen layers, which lose their gradients', () => {
    const p = preset('keras-transfer');
    const code = torchModel(transferPhaseTwo(p).graph, 'Classifier').lines.join('\n');
    expect(code).toContain("FROZEN = ['conv2d_1', 'conv2d_2']");
    expect(code).toContain('getattr(self, name).requires_grad_(False)');
  });

  it('raises instead of building a network that differs from the playground’s', () => {
    const g = chain('classifier', [
      defaultLayer('input'),
      { ...defaultLayer('conv2d'), kernel: [40, 40], padding: 'valid' },
    ]);
    const m = torchModel(g, 'Classifier');
    expect(m.error).toMatch(/conv2d_1/);
    expect(m.lines.join('\n')).toContain('raise ValueError(');
  });
});

describe('torchScript', () => {
  it('trains with loss.backward() and optimizer.step(), the app’s settings, and evaluates on the test split', () => {
    const work = transferPhaseTwo(preset('keras-transfer'));
    const code = torchScript({ ...work, hyper: { ...work.hyper, decay: 0.01, clipNorm: 1.5, maxSteps: 40 } });
    for (const s of [
      'LABEL_SUBSET = [5, 6, 7, 8, 9]',
      'CLASSES = 5',
      'BATCH_SIZE = 64',
      "EPOCHS = int(os.environ.get('PLAYGROUND_EPOCHS', 1))",
      "MAX_STEPS = int(os.environ.get('PLAYGROUND_MAX_STEPS', 40))",
      'DECAY = 0.01',
      'scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 / (1 + DECAY * step))',
      'torch.nn.utils.clip_grad_norm_(params, CLIP_NORM)',
      'optimizer = torch.optim.Adam(params, lr=LEARNING_RATE, eps=1e-7)',
      'loss.backward()',
      'optimizer.step()',
      'check_shapes(model, x_train[:2])',
      'test_loss, test_acc = evaluate(x_test, t_test)',
      'torchvision.datasets.MNIST',
      'y = np.searchsorted(np.sort(LABEL_SUBSET), y)',
    ])
      expect(code, s).toContain(s);
    // It can start from the weights the playground exported ("Export model").
    expect(code).toContain("parser.add_argument('--weights', default=WEIGHTS");
    expect(code).toMatch(/if WEIGHTS:\n\s+load_tfjs_weights\(model, WEIGHTS\)/);
    expect(code).toContain("m.weight.data.copy_(torch.from_numpy(w['kernel']).permute(3, 2, 0, 1))");
    // The optimizer only sees the trainable parameters.
    expect(code).toContain('params = [p for p in model.parameters() if p.requires_grad]');
  });

  it.each<[OptimizerId, string]>([
    ['sgd', 'torch.optim.SGD(params, lr=LEARNING_RATE)'],
    ['momentum', 'torch.optim.SGD(params, lr=LEARNING_RATE, momentum=MOMENTUM)'],
    ['adadelta', 'torch.optim.Adadelta(params, lr=LEARNING_RATE, rho=0.95, eps=1e-7)'],
    ['rmsprop', 'torch.optim.RMSprop(params, lr=LEARNING_RATE, alpha=0.9, eps=1e-7)'],
  ])('%s with TF.js’s settings', (optimizer, line) => {
    const p = preset('notes-small');
    expect(torchScript(presetWork(p, { hyper: { ...p.hyper, optimizer } }))).toContain(`optimizer = ${line}`);
  });

  it('L-BFGS: torch.optim.LBFGS, one line-searched iteration per step on a batch of the second-order size', () => {
    const p = preset('notes-small');
    const code = torchScript(
      presetWork(p, { hyper: { ...p.hyper, optimizer: 'lbfgs', historySize: 7, secondOrderBatch: 512 } }),
    );
    expect(code).toContain(
      "optimizer = torch.optim.LBFGS(params, lr=1, max_iter=1, history_size=HISTORY_SIZE, line_search_fn='strong_wolfe')",
    );
    expect(code).toContain('HISTORY_SIZE = 7');
    expect(code).toContain('sampler.next(SECOND_ORDER_BATCH)');
    expect(code).toContain('loss = optimizer.step(closure)');
    expect(code).not.toContain('scheduler');
    const cg = torchScript(presetWork(p, { hyper: { ...p.hyper, optimizer: 'cg' } }));
    expect(cg).toContain('L-BFGS, the other line-search method, stands in');
  });

  it('an autoencoder trains against its input; a denoising one adds noise to the input only', () => {
    const code = torchScript(presetWork(preset('denoising-autoencoder')));
    expect(code).toContain('t_train, t_test = x_train, x_test');
    expect(code).toContain('x = (x + INPUT_NOISE * torch.randn_like(x)).clamp(0, 1)');
    expect(code).toContain('F.binary_cross_entropy(output.clamp(EPSILON, 1 - EPSILON), target)');
    expect(code).toContain('class Autoencoder(nn.Module):');
  });

  it('a GAN: both networks, k_D discriminator steps then k_G generator steps, the app’s loss and smoothing', () => {
    const p = preset('dcgan');
    const base = presetWork(p);
    const code = torchScript({
      ...base,
      ganHyper: { ...base.ganHyper, kD: 3, kG: 2, lrD: 0.0004, lrG: 0.0002 },
    });
    expect(code).toContain('class Generator(nn.Module):');
    expect(code).toContain('class Discriminator(nn.Module):');
    expect(code).toContain('K_D, K_G = 3, 2');
    expect(code).toContain('LR_D, LR_G = 0.0004, 0.0002');
    expect(code).toContain('REAL_LABEL = 0.9  # one-sided label smoothing');
    expect(code).toMatch(
      /for _ in range\(K_D\):\n(.*\n)*?\s+loss_d\.backward\(\)\n\s+opt_d\.step\(\)\n\s+for _ in range\(K_G\):/,
    );
    expect(code).toContain('opt_d = torch.optim.Adam(d_params, lr=LR_D, betas=(BETA1, 0.999), eps=1e-7)');
    expect(code).toContain(
      'F.binary_cross_entropy_with_logits(real_out, torch.full_like(real_out, REAL_LABEL))',
    );
    expect(code).toContain('.div(127.5).sub(1)');
  });

  it('a dataset the playground alone has needs a folder; procedural shapes fall back to MNIST', () => {
    const p = preset('notes-small');
    const own = torchScript(
      presetWork(p, {
        dataset: { name: 'My set', standard: null, substitute: false, shape: [28, 28, 1], classes: 10 },
      }),
    );
    expect(own).toContain("DATASET = 'local'");
    expect(own).toContain('which exists only');
    const proc = torchScript(presetWork(preset('procedural-tiny')));
    expect(proc).toContain("DATASET = 'mnist'");
    expect(proc).toContain('this code trains on');
  });
});

describe('torchScript: the linear learning-rate schedule', () => {
  it('falls from LEARNING_RATE to 0 over the EPOCHS, by the sampler’s position, as the playground does', () => {
    const code = torchScript(presetWork(preset('fast-mnist')));
    expect(code).toContain("SCHEDULE = 'linear'");
    expect(code).not.toContain('DECAY =');
    expect(code).toContain('    return max(0.0, 1 - (sampler.epoch + sampler.pos / sampler.n) / EPOCHS)');
    expect(code).toContain('scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, linear_factor)');
    // The scheduler steps after each optimizer step, so the factor is read with the sampler past that step's batch.
    expect(code).toMatch(/optimizer\.step\(\)\n\s+scheduler\.step\(\)/);
  });
});
