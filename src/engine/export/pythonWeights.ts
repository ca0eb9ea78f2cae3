/**
 * Loaders for the trained weights the playground exports ("Export model": model.json + weights.bin in TF.js's
 * format), so the exported code can start from them: PyTorch gets each kernel in its own layout, Keras takes them as
 * they are (TF.js and Keras share layouts and weight order).
 */

/** Reads the TF.js artifacts into {weight name: float32 array}. */
const READ = String.raw`
def read_tfjs_weights(path):
    """The weights of a TF.js model.json (as "Export model" writes it, weights.bin beside it) by name."""
    with open(path) as f:
        spec = json.load(f)
    values, folder = {}, os.path.dirname(os.path.abspath(path))
    for group in spec['weightsManifest']:
        data = b''.join(open(os.path.join(folder, p), 'rb').read() for p in group['paths'])
        offset = 0
        for w in group['weights']:
            if w['dtype'] != 'float32':
                raise ValueError(f"{w['name']}: {w['dtype']} weights are not supported")
            n = int(np.prod(w['shape']))
            values[w['name']] = np.frombuffer(data, np.float32, n, offset).reshape(w['shape']).copy()
            offset += 4 * n
    return values


def layer_weights(values, layer):
    """One layer's weights by short name ('kernel', 'bias', 'gamma', …; a '_1' TF.js added to a name dropped)."""
    out = {}
    for key, v in values.items():
        owner, short = key.split('/')[0], key.split('/')[-1]
        if owner == layer:
            out[short.rsplit('_', 1)[0] if short.rsplit('_', 1)[-1].isdigit() else short] = v
    return out`;

export const TORCH_WEIGHTS = (
  READ +
  String.raw`


def load_tfjs_weights(model, path):
    """Copies the playground's trained weights into the model (conv kernels H×W×in×out → out×in×H×W, transposed
    conv H×W×out×in → in×out×H×W, dense in×out → out×in); returns how many layers it filled."""
    values, filled = read_tfjs_weights(path), 0
    for name, child in model.named_children():
        w = layer_weights(values, getattr(model, 'NODE_IDS', {}).get(name, name))
        if not w:
            continue
        for m in child.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                m.weight.data.copy_(torch.from_numpy(w['kernel']).permute(3, 2, 0, 1))
            elif isinstance(m, nn.Linear):
                m.weight.data.copy_(torch.from_numpy(w['kernel']).t())
            elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.running_mean.copy_(torch.from_numpy(w['moving_mean']))
                m.running_var.copy_(torch.from_numpy(w['moving_variance']))
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d, nn.LayerNorm)):
                m.weight.data.copy_(torch.from_numpy(w['gamma']))
                m.bias.data.copy_(torch.from_numpy(w['beta']))
            elif getattr(m, 'bias', None) is not None and 'bias' in w:
                m.bias.data.copy_(torch.from_numpy(w['bias']))
        filled += 1
    print(f'Loaded the playground\'s weights of {filled} layers from {path}')
    return filled`
)
  .slice(1)
  .split('\n');

export const KERAS_WEIGHTS = (
  READ +
  String.raw`


def load_tfjs_weights(model, path):
    """Copies the playground's trained weights into the model: Keras keeps TF.js's layouts and order."""
    values, filled = read_tfjs_weights(path), 0
    for layer in model.layers:
        w = [v for key, v in values.items() if key.split('/')[0] == layer.name]
        if w:
            layer.set_weights(w)
            filled += 1
    print(f'Loaded the playground\'s weights of {filled} layers from {path}')
    return filled`
)
  .slice(1)
  .split('\n');
