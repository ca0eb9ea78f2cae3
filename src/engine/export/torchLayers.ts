/**
 * One graph node as a PyTorch module expression, with TF.js's semantics: tensors of image shape are NCHW (the app's
 * H×W×C is the PyTorch tensor's C×H×W), 'same' padding is TF's (the odd pixel after, as an explicit F.pad where it
 * is uneven), pooling and transposed convolutions give the app's output sizes, flatten and reshape read values in
 * TF's order.
 *
 * Why a switch here and not a `torch` method in each layer module (as `keras` is): the layer modules are in the
 * page's first bundle, and this code is loaded only when a user presses "Export PyTorch" or "Export notebook".
 */
import { assertNever } from '../assertNever';
import { dilatedSize } from '../graph/convArithmetic';
import type { ActivationFn, LayerSpec, Pair, Shape } from '../graph/types';
import { KERAS_INITIALIZERS, pyNum, pyPair, tuple } from '../layers/python';
import { samePadBefore } from '../layers/spatial';
import type { TorchHelper } from './torchHelpers';

export interface TorchLayerContext {
  /** The app's input shapes (H×W×C for images) and output shape. */
  readonly inputs: readonly Shape[];
  readonly output: Shape;
}

export interface TorchLayer {
  /** The module expression, or null for an Input (its value is the batch). */
  readonly module: string | null;
  /** The initialiser of its weights (Keras name), for init_weights; null when it has none of its own. */
  readonly init: string | null;
  readonly helpers: readonly TorchHelper[];
  /** Padding or cropping that differs from PyTorch's defaults, in words (for comments and the notebook). */
  readonly note: string | null;
}

/** TF 'same' padding along one axis: [before, after]; the odd pixel goes after. */
export function samePads(inSize: number, extent: number, stride: number): readonly [number, number] {
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + extent - inSize, 0);
  const before = samePadBefore(inSize, extent, stride);
  return [before, total - before];
}

const round = (x: number): string => pyNum(Number(x.toPrecision(12)));

function activationModule(fn: ActivationFn, alpha: number, rank: number): string | null {
  switch (fn) {
    case 'linear':
      return null;
    case 'relu':
      return 'nn.ReLU()';
    case 'sigmoid':
      return 'nn.Sigmoid()';
    case 'tanh':
      return 'nn.Tanh()';
    case 'elu':
      return 'nn.ELU()';
    case 'softmax':
      // TF takes softmax over the last axis: the channels, axis 1 of an NCHW tensor.
      return `nn.Softmax(dim=${rank === 3 ? 1 : -1})`;
    case 'leakyRelu':
      return `nn.LeakyReLU(${pyNum(alpha)})`;
    default:
      return assertNever(fn);
  }
}

function sequence(parts: readonly (string | null)[]): string {
  const kept = parts.filter((p): p is string => p !== null);
  return kept.length === 1 ? (kept[0] as string) : `nn.Sequential(${kept.join(', ')})`;
}

const layer = (
  module: string | null,
  opts: { init?: string; helpers?: readonly TorchHelper[]; note?: string | null } = {},
): TorchLayer => ({
  module,
  init: opts.init ?? null,
  helpers: opts.helpers ?? [],
  note: opts.note ?? null,
});

const spatial = (s: Shape | undefined): [number, number, number] => {
  if (!s || s.length !== 3)
    throw new Error(`expected an image-shaped input, got ${s ? s.join('×') : 'none'}`);
  return [s[0] as number, s[1] as number, s[2] as number];
};

/** The same-padding step before a window: [Pad(...) or null, symmetric padding or null, a note]. */
function padFor(
  [h, w]: readonly [number, number],
  extent: Pair,
  stride: Pair,
): { pad: readonly [number, number, number, number]; even: boolean; note: string } {
  const [top, bottom] = samePads(h, extent[0], stride[0]);
  const [left, right] = samePads(w, extent[1], stride[1]);
  const even = top === bottom && left === right;
  const note =
    `TF 'same' padding: ${top} row(s) above, ${bottom} below, ${left} column(s) left, ${right} right` +
    (even ? '' : ' — uneven, so an explicit F.pad');
  return { pad: [left, right, top, bottom], even, note };
}

const nonZero = (p: readonly number[]): boolean => p.some((v) => v !== 0);

export function torchLayer(spec: LayerSpec, ctx: TorchLayerContext): TorchLayer {
  const rank = ctx.output.length;
  const last = (s: Shape | undefined): number => (s ? (s[s.length - 1] as number) : 0);
  switch (spec.kind) {
    case 'input':
      return layer(null);
    case 'conv2d': {
      const [h, w, c] = spatial(ctx.inputs[0]);
      const extent: Pair = [
        dilatedSize(spec.kernel[0], spec.dilation[0]),
        dilatedSize(spec.kernel[1], spec.dilation[1]),
      ];
      let padding: Pair = [0, 0];
      let pad: string | null = null;
      let note: string | null = null;
      if (spec.padding === 'same') {
        const p = padFor([h, w], extent, spec.stride);
        note = nonZero(p.pad) ? p.note : null;
        if (p.even) padding = [p.pad[2], p.pad[0]];
        else pad = `Pad(${tuple(p.pad)})`;
      } else if (typeof spec.padding === 'object') {
        padding = [spec.padding.explicit, spec.padding.explicit];
      }
      const dilated = spec.dilation[0] !== 1 || spec.dilation[1] !== 1;
      const conv =
        `nn.Conv2d(${c}, ${spec.filters}, kernel_size=${pyPair(spec.kernel)}, stride=${pyPair(spec.stride)}` +
        (nonZero(padding) ? `, padding=${pyPair(padding)}` : '') +
        (dilated ? `, dilation=${pyPair(spec.dilation)}` : '') +
        (spec.useBias ? '' : ', bias=False') +
        ')';
      return layer(sequence([pad, conv, activationModule(spec.activation, 0, 3)]), {
        init: KERAS_INITIALIZERS[spec.initializer],
        helpers: pad ? ['Pad'] : [],
        note,
      });
    }
    case 'conv2dTranspose': {
      const [h, w, c] = spatial(ctx.inputs[0]);
      const [oh, ow] = spatial(ctx.output);
      const full = [(h - 1) * spec.stride[0] + spec.kernel[0], (w - 1) * spec.stride[1] + spec.kernel[1]];
      const extra: Pair = [Math.max(oh - (full[0] as number), 0), Math.max(ow - (full[1] as number), 0)];
      const start =
        spec.padding === 'same'
          ? [
              Math.floor(Math.max(spec.kernel[0] - spec.stride[0], 0) / 2),
              Math.floor(Math.max(spec.kernel[1] - spec.stride[1], 0) / 2),
            ]
          : [0, 0];
      const crop =
        start[0] !== 0 ||
        start[1] !== 0 ||
        (full[0] as number) + extra[0] !== oh ||
        (full[1] as number) + extra[1] !== ow;
      const conv =
        `nn.ConvTranspose2d(${c}, ${spec.filters}, kernel_size=${pyPair(spec.kernel)}, stride=${pyPair(spec.stride)}` +
        (nonZero(extra) ? `, output_padding=${pyPair(extra)}` : '') +
        (spec.useBias ? '' : ', bias=False') +
        ')';
      const cropModule = crop ? `Crop(${start[0]}, ${start[1]}, ${oh}, ${ow})` : null;
      const note = crop
        ? `TF '${spec.padding}' transposed convolution: of the full ${full[0]}×${full[1]} output it keeps rows ${start[0]}–${(start[0] as number) + oh - 1} and columns ${start[1]}–${(start[1] as number) + ow - 1}`
        : null;
      return layer(sequence([conv, cropModule, activationModule(spec.activation, 0, 3)]), {
        init: KERAS_INITIALIZERS[spec.initializer],
        helpers: crop ? ['Crop'] : [],
        note,
      });
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const [h, w] = spatial(ctx.inputs[0]);
      const p = padFor([h, w], spec.pool, spec.stride);
      const args = `kernel_size=${pyPair(spec.pool)}, stride=${pyPair(spec.stride)}`;
      if (spec.padding === 'valid' || !nonZero(p.pad)) {
        return layer(spec.kind === 'maxPool2d' ? `nn.MaxPool2d(${args})` : `nn.AvgPool2d(${args})`);
      }
      if (spec.kind === 'avgPool2d')
        return layer(`AvgPoolSame(${pyPair(spec.pool)}, ${pyPair(spec.stride)}, ${tuple(p.pad)})`, {
          helpers: ['AvgPoolSame'],
          note: `${p.note}; padded pixels are left out of each average`,
        });
      return layer(sequence([`Pad(${tuple(p.pad)}, value=float('-inf'))`, `nn.MaxPool2d(${args})`]), {
        helpers: ['Pad'],
        note: `${p.note}; padded with −∞ so they never win the max`,
      });
    }
    case 'dense': {
      const linear = `nn.Linear(${last(ctx.inputs[0])}, ${spec.units}${spec.useBias ? '' : ', bias=False'})`;
      return layer(sequence([linear, activationModule(spec.activation, 0, rank)]), {
        init: KERAS_INITIALIZERS[spec.initializer],
      });
    }
    case 'flatten':
      return ctx.inputs[0]?.length === 3
        ? layer('FlattenNHWC()', { helpers: ['FlattenNHWC'] })
        : layer('nn.Flatten()');
    case 'reshape':
      return layer(`Reshape(${tuple(spec.shape)})`, { helpers: ['Reshape'] });
    case 'dropout':
      return layer(`nn.Dropout(${pyNum(spec.rate)})`);
    case 'batchNorm': {
      const c = last(ctx.inputs[0]);
      const args = `${c}, eps=${pyNum(spec.epsilon)}, momentum=${round(1 - spec.momentum)}`;
      if (rank === 3) return layer(`nn.BatchNorm2d(${args})`);
      if (rank === 1) return layer(`nn.BatchNorm1d(${args})`);
      return layer(`ChannelsFirst(nn.BatchNorm1d(${args}))`, { helpers: ['ChannelsFirst'] });
    }
    case 'layerNorm': {
      const ln = `nn.LayerNorm(${last(ctx.inputs[0])}, eps=${pyNum(spec.epsilon)})`;
      return rank === 3 ? layer(`ChannelsLast(${ln})`, { helpers: ['ChannelsLast'] }) : layer(ln);
    }
    case 'activation':
      return layer(activationModule(spec.fn, spec.alpha, rank) ?? 'nn.Identity()');
    case 'upSampling2d':
      return layer(`nn.Upsample(scale_factor=${pyPair(spec.size)}, mode='nearest')`);
    case 'globalAvgPool':
      return layer('nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())');
    case 'add':
      return layer('Add()', { helpers: ['Add'] });
    case 'concatenate':
      return layer(`Concat(${rank === 3 ? 1 : -1})`, { helpers: ['Concat'] });
    default:
      return assertNever(spec);
  }
}
