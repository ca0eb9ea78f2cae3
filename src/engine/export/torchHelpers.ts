/**
 * Small Python modules the PyTorch export builds layers from where torch.nn has no exact match for TF.js's
 * behaviour (asymmetric 'same' padding, average pooling that ignores the padding, channel-last flatten and reshape),
 * and the functions every export uses: the playground's initialisers and the output-shape check.
 */

export type TorchHelper =
  | 'Pad'
  | 'AvgPoolSame'
  | 'Crop'
  | 'FlattenNHWC'
  | 'Reshape'
  | 'ChannelsLast'
  | 'ChannelsFirst'
  | 'Add'
  | 'Concat';

const HELPERS: { readonly [H in TorchHelper]: string } = {
  Pad: `
class Pad(nn.Module):
    """F.pad as a layer: TF's 'same' padding puts the odd pixel after (right/bottom), PyTorch's padding= cannot."""

    def __init__(self, pad, value=0.0):
        super().__init__()
        self.pad, self.value = pad, value  # (left, right, top, bottom)

    def forward(self, x):
        return F.pad(x, self.pad, value=self.value)`,
  AvgPoolSame: `
class AvgPoolSame(nn.Module):
    """Average pooling with TF's 'same' padding: padded pixels do not count in the average."""

    def __init__(self, kernel, stride, pad):
        super().__init__()
        self.kernel, self.stride, self.pad = kernel, stride, pad

    def forward(self, x):
        total = F.avg_pool2d(F.pad(x, self.pad), self.kernel, self.stride)
        count = F.avg_pool2d(F.pad(torch.ones_like(x[:, :1]), self.pad), self.kernel, self.stride)
        return total / count`,
  Crop: `
class Crop(nn.Module):
    """Keeps rows top..top+height and columns left..left+width (TF's 'same' transposed convolution)."""

    def __init__(self, top, left, height, width):
        super().__init__()
        self.box = (top, left, height, width)

    def forward(self, x):
        top, left, height, width = self.box
        return x[:, :, top:top + height, left:left + width]`,
  FlattenNHWC: `
class FlattenNHWC(nn.Module):
    """Flatten in TF's order (height, width, channels), so unit i of the next dense layer sees the same value."""

    def forward(self, x):
        return torch.flatten(x.permute(0, 2, 3, 1) if x.dim() == 4 else x, 1)`,
  Reshape: `
class Reshape(nn.Module):
    """TF's reshape: values read in height, width, channels order; image-shaped results are NCHW again."""

    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x):
        x = x.permute(0, 2, 3, 1) if x.dim() == 4 else x
        x = x.reshape((x.shape[0],) + self.shape)
        return x.permute(0, 3, 1, 2) if x.dim() == 4 else x`,
  ChannelsLast: `
class ChannelsLast(nn.Module):
    """Runs a layer that works on the last axis (LayerNorm) over the channels of an NCHW tensor."""

    def __init__(self, layer):
        super().__init__()
        self.layer = layer

    def forward(self, x):
        return self.layer(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)`,
  ChannelsFirst: `
class ChannelsFirst(nn.Module):
    """Runs a layer that works on axis 1 (BatchNorm1d) over the last axis, as TF normalises."""

    def __init__(self, layer):
        super().__init__()
        self.layer = layer

    def forward(self, x):
        return self.layer(x.transpose(1, -1)).transpose(1, -1)`,
  Add: `
class Add(nn.Module):
    def forward(self, *xs):
        return torch.stack(xs).sum(0)`,
  Concat: `
class Concat(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, *xs):
        return torch.cat(xs, self.dim)`,
};

const ORDER: readonly TorchHelper[] = [
  'Pad',
  'AvgPoolSame',
  'Crop',
  'FlattenNHWC',
  'Reshape',
  'ChannelsLast',
  'ChannelsFirst',
  'Add',
  'Concat',
];

/** The source of the helpers used, in a fixed order, each after two blank lines. */
export function helperLines(used: ReadonlySet<TorchHelper>): string[] {
  return ORDER.filter((h) => used.has(h)).flatMap((h) => ['', ...HELPERS[h].split('\n')]);
}

/** Initialisers and the output-shape check: every PyTorch export has them. */
export const COMMON_HELPERS = String.raw`
def init_weights(layer, kind):
    """The playground's (TF.js's) initialisers: he/glorot normal draw from a normal truncated at 2 std-devs,
    he/glorot uniform from ±sqrt(3·scale / fan); biases start at 0."""
    for m in layer.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(m.weight)
            scale = {'he': 2.0 / max(1, fan_in), 'glorot': 1.0 / max(1, (fan_in + fan_out) / 2)}.get(kind.split('_')[0])
            if kind == 'zeros':
                nn.init.zeros_(m.weight)
            elif kind.endswith('normal'):
                std = math.sqrt(scale)
                nn.init.trunc_normal_(m.weight, 0.0, std, -2 * std, 2 * std)
            else:
                limit = math.sqrt(3 * scale)
                nn.init.uniform_(m.weight, -limit, limit)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def shape_text(shape):
    return '×'.join(str(d) for d in shape) if shape else '-'


def check_shapes(model, x):
    """Each layer's output shape for the batch x, written as the playground does (H×W×C for images), beside the
    playground's own; raises if any differs."""
    got, hooks = {}, []
    for name, layer in model.named_children():
        def record(_m, _i, out, name=name):
            s = tuple(out.shape[1:])
            got[name] = (s[1], s[2], s[0]) if len(s) == 3 else s
        hooks.append(layer.register_forward_hook(record))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        model(x)
    model.train(was_training)
    for h in hooks:
        h.remove()
    print(f'Output shapes of {type(model).__name__} (PyTorch, then the playground\'s):')
    bad = [name for name, want in model.APP_SHAPES.items() if got.get(name) != want]
    for name, want in model.APP_SHAPES.items():
        mark = '' if got.get(name) == want else '  <- differs'
        print(f'shape {name:<22} {shape_text(got.get(name)):>12} {shape_text(want):>12}{mark}')
    if bad:
        raise AssertionError('Output shapes differ from the playground at ' + ', '.join(bad))
    print(f'{type(model).__name__}: every output shape equals the playground\'s.')`
  .slice(1)
  .split('\n');
