/**
 * The PyTorch layers: their output sizes, computed by PyTorch's own formulas from the emitted arguments (F.pad, then
 * Conv2d / ConvTranspose2d / MaxPool2d, then any crop), equal the app's shape inference for any size, kernel, stride
 * and padding; and the layouts (NCHW flatten order, softmax axis, channel-last norms) are the ones TF uses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLayer } from '../graph/catalogue';
import { inferLayer } from '../graph/layerShape';
import type { LayerSpec, Shape } from '../graph/types';
import { LAYER_KINDS } from '../layers/registry';
import { samePads, torchLayer } from './torchLayers';

/** The match's groups as numbers, a missing optional group as its default. */
const ints = (m: RegExpMatchArray, defaults: readonly number[] = []): number[] =>
  m.slice(1).map((v, i) => (v === undefined ? (defaults[i] ?? NaN) : Number(v)));

type Ten = [number, number, number, number, number, number, number, number, number, number];

/** H×W×C after the emitted module, by PyTorch's formulas (floor((n + pads − d·(k − 1) − 1) / s) + 1 …). */
function torchSize(module: string, [h, w, c]: readonly [number, number, number]): number[] {
  let [y, x, ch] = [h, w, c];
  const pad = module.match(/Pad\(\((\d+), (\d+), (\d+), (\d+)\)/);
  if (pad) {
    const [l, r, t, b] = ints(pad) as [number, number, number, number];
    y += t + b;
    x += l + r;
  }
  const conv = module.match(
    /nn\.Conv2d\((\d+), (\d+), kernel_size=\((\d+), (\d+)\), stride=\((\d+), (\d+)\)(?:, padding=\((\d+), (\d+)\))?(?:, dilation=\((\d+), (\d+)\))?/,
  );
  if (conv) {
    const [cin, f, kh, kw, sh, sw, ph, pw, dh, dw] = ints(conv, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1]) as Ten;
    expect(cin).toBe(c);
    y = Math.floor((y + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
    x = Math.floor((x + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
    ch = f;
  }
  const deconv = module.match(
    /nn\.ConvTranspose2d\((\d+), (\d+), kernel_size=\((\d+), (\d+)\), stride=\((\d+), (\d+)\)(?:, output_padding=\((\d+), (\d+)\))?/,
  );
  if (deconv) {
    const [cin, f, kh, kw, sh, sw, oh, ow] = ints(deconv, [0, 0, 0, 0, 0, 0, 0, 0]) as Ten;
    expect(cin).toBe(c);
    // PyTorch requires output_padding < stride.
    expect(oh).toBeLessThan(sh);
    expect(ow).toBeLessThan(sw);
    y = (y - 1) * sh + kh + oh;
    x = (x - 1) * sw + kw + ow;
    ch = f;
  }
  const pool = module.match(/nn\.(?:Max|Avg)Pool2d\(kernel_size=\((\d+), (\d+)\), stride=\((\d+), (\d+)\)/);
  const same = module.match(
    /AvgPoolSame\(\((\d+), (\d+)\), \((\d+), (\d+)\), \((\d+), (\d+), (\d+), (\d+)\)\)/,
  );
  if (same) {
    const [kh, kw, sh, sw, l, r, t, b] = ints(same) as Ten;
    y = Math.floor((y + t + b - kh) / sh) + 1;
    x = Math.floor((x + l + r - kw) / sw) + 1;
  } else if (pool) {
    const [kh, kw, sh, sw] = ints(pool) as Ten;
    y = Math.floor((y - kh) / sh) + 1;
    x = Math.floor((x - kw) / sw) + 1;
  }
  const crop = module.match(/Crop\((\d+), (\d+), (\d+), (\d+)\)/);
  if (crop) {
    const [top, left, ch2, cw] = ints(crop) as Ten;
    expect(top + ch2).toBeLessThanOrEqual(y);
    expect(left + cw).toBeLessThanOrEqual(x);
    [y, x] = [ch2, cw];
  }
  return [y, x, ch];
}

function torchOf(spec: LayerSpec, input: Shape): { module: string; app: Shape } {
  const r = inferLayer(spec, [input]);
  if (!r.output) throw new Error(r.error ?? 'no output');
  const t = torchLayer(spec, { inputs: [input], output: r.output });
  return { module: t.module ?? '', app: r.output };
}

describe('samePads: TF puts the odd pixel after', () => {
  it.each([
    [28, 3, 1, [1, 1]],
    [28, 3, 2, [0, 1]],
    [28, 5, 2, [1, 2]],
    [7, 2, 2, [0, 1]],
    [28, 1, 2, [0, 0]],
    [5, 4, 1, [1, 2]],
  ])('in %i, extent %i, stride %i → %j', (n, k, s, want) => {
    expect(samePads(n, k, s)).toEqual(want);
  });
});

describe('torchLayer output sizes equal the app’s', () => {
  const size = fc.integer({ min: 1, max: 40 });
  const kernel = fc.integer({ min: 1, max: 7 });
  const stride = fc.integer({ min: 1, max: 4 });

  it('Conv2D: any size, kernel, stride, padding (same, valid, explicit) and dilation', () => {
    const padding = fc.oneof(
      fc.constant('same' as const),
      fc.constant('valid' as const),
      fc.integer({ min: 1, max: 3 }).map((p) => ({ explicit: p })),
    );
    fc.assert(
      fc.property(
        size,
        size,
        kernel,
        kernel,
        stride,
        stride,
        padding,
        fc.integer({ min: 1, max: 3 }),
        (h, w, kh, kw, sh, sw, pad, d) => {
          const dil = sh === 1 && sw === 1 ? d : 1;
          const spec: LayerSpec = {
            ...defaultLayer('conv2d'),
            kernel: [kh, kw],
            stride: [sh, sw],
            padding: pad,
            dilation: [dil, dil],
          };
          const r = inferLayer(spec, [[h, w, 3]]);
          fc.pre(r.output !== null);
          const t = torchOf(spec, [h, w, 3]);
          expect(torchSize(t.module, [h, w, 3])).toEqual(t.app);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('Conv2DTranspose: same and valid, kernels smaller and larger than the stride', () => {
    fc.assert(
      fc.property(
        size,
        size,
        kernel,
        stride,
        fc.constantFrom('same' as const, 'valid' as const),
        (h, w, k, s, pad) => {
          const spec: LayerSpec = {
            ...defaultLayer('conv2dTranspose'),
            kernel: [k, k],
            stride: [s, s],
            padding: pad,
          };
          const t = torchOf(spec, [h, w, 4]);
          expect(torchSize(t.module, [h, w, 4])).toEqual(t.app);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('MaxPool2D and AvgPool2D: same and valid', () => {
    fc.assert(
      fc.property(
        size,
        kernel,
        stride,
        fc.constantFrom('same' as const, 'valid' as const),
        fc.constantFrom('maxPool2d' as const, 'avgPool2d' as const),
        (n, k, s, pad, kind) => {
          const spec = { ...defaultLayer(kind), pool: [k, k], stride: [s, s], padding: pad } as LayerSpec;
          const r = inferLayer(spec, [[n, n, 2]]);
          fc.pre(r.output !== null);
          const t = torchOf(spec, [n, n, 2]);
          expect(torchSize(t.module, [n, n, 2])).toEqual(t.app);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('torchLayer modules', () => {
  it("writes TF 'same' with stride 2 as an explicit F.pad (Pad) and stride 1 as PyTorch's symmetric padding", () => {
    const s2 = torchOf({ ...defaultLayer('conv2d'), stride: [2, 2] }, [28, 28, 1]).module;
    expect(s2).toBe(
      'nn.Sequential(Pad((0, 1, 0, 1)), nn.Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2)), nn.ReLU())',
    );
    expect(torchOf(defaultLayer('conv2d'), [28, 28, 1]).module).toBe(
      'nn.Sequential(nn.Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)), nn.ReLU())',
    );
    expect(
      torchOf(
        { ...defaultLayer('conv2d'), padding: { explicit: 2 }, activation: 'linear', useBias: false },
        [28, 28, 1],
      ).module,
    ).toBe('nn.Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(2, 2), bias=False)');
  });

  it("crops a 'same' transposed convolution like TF (DCGAN's 5×5, stride 2: rows 1–14 of 17)", () => {
    const t = torchLayer(
      { ...defaultLayer('conv2dTranspose'), kernel: [5, 5], filters: 16 },
      { inputs: [[7, 7, 32]], output: [14, 14, 16] },
    );
    expect(t.module).toBe(
      'nn.Sequential(nn.ConvTranspose2d(32, 16, kernel_size=(5, 5), stride=(2, 2)), Crop(1, 1, 14, 14), nn.ReLU())',
    );
    expect(t.helpers).toEqual(['Crop']);
  });

  it('pads max pooling with −∞ and leaves padding out of average pooling', () => {
    expect(torchOf({ ...defaultLayer('maxPool2d'), padding: 'same' }, [7, 7, 32]).module).toBe(
      "nn.Sequential(Pad((0, 1, 0, 1), value=float('-inf')), nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2)))",
    );
    expect(torchOf({ ...defaultLayer('avgPool2d'), padding: 'same' }, [7, 7, 32]).module).toBe(
      'AvgPoolSame((2, 2), (2, 2), (0, 1, 0, 1))',
    );
  });

  it('uses TF’s layouts: flatten in H, W, C order, softmax and concatenation over the channels, norms per channel', () => {
    expect(torchOf(defaultLayer('flatten'), [7, 7, 16]).module).toBe('FlattenNHWC()');
    expect(torchOf({ kind: 'activation', fn: 'softmax', alpha: 0 }, [7, 7, 16]).module).toBe(
      'nn.Softmax(dim=1)',
    );
    expect(torchOf({ kind: 'activation', fn: 'softmax', alpha: 0 }, [10]).module).toBe('nn.Softmax(dim=-1)');
    expect(torchOf({ kind: 'activation', fn: 'leakyRelu', alpha: 0.2 }, [10]).module).toBe(
      'nn.LeakyReLU(0.2)',
    );
    expect(torchOf(defaultLayer('batchNorm'), [7, 7, 16]).module).toBe(
      'nn.BatchNorm2d(16, eps=0.001, momentum=0.01)',
    );
    expect(torchOf(defaultLayer('batchNorm'), [64]).module).toBe(
      'nn.BatchNorm1d(64, eps=0.001, momentum=0.01)',
    );
    expect(torchOf(defaultLayer('layerNorm'), [7, 7, 16]).module).toBe(
      'ChannelsLast(nn.LayerNorm(16, eps=0.001))',
    );
    expect(torchOf({ kind: 'reshape', shape: [7, 7, 16] }, [784]).module).toBe('Reshape((7, 7, 16))');
    expect(
      torchLayer(defaultLayer('concatenate'), {
        inputs: [
          [7, 7, 4],
          [7, 7, 8],
        ],
        output: [7, 7, 12],
      }).module,
    ).toBe('Concat(1)');
  });

  it('has a PyTorch module for every layer kind but Input', () => {
    for (const kind of LAYER_KINDS) {
      const spec = kind === 'reshape' ? ({ kind, shape: [8, 8, 2] } as LayerSpec) : defaultLayer(kind);
      const inputs: Shape[] =
        kind === 'dense'
          ? [[128]]
          : kind === 'add' || kind === 'concatenate'
            ? [
                [8, 8, 2],
                [8, 8, 2],
              ]
            : [[8, 8, 2]];
      const r = inferLayer(spec, inputs);
      const t = torchLayer(spec, { inputs, output: r.output ?? [8, 8, 2] });
      if (kind === 'input') expect(t.module).toBeNull();
      else expect(t.module, kind).toMatch(/^(nn\.|[A-Z])/);
    }
  });
});
