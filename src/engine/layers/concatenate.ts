/** Concatenate: inputs stacked along the channel axis. */
import { formatShape } from '../graph/convArithmetic';
import { defineLayer } from './define';
import { fail, plain } from './inferHelpers';
import { mergeBase, mergeKeras } from './merge';

export interface ConcatenateLayer {
  readonly kind: 'concatenate';
}

export const concatenate = defineLayer<ConcatenateLayer>({
  kind: 'concatenate',
  title: 'Concatenate',
  short: 'Stacks its inputs along the channel axis (sizes must match except channels).',
  explanation:
    'Concatenate joins two or more tensors along the last axis: H×W×C1 and H×W×C2 become H×W×(C1 + C2). ' +
    'The other sizes must agree. It lets later layers see features from several branches at once, as in ' +
    'Inception blocks or U-Net skip connections. Inputs are taken in edge order.',
  formula: 'H×W×C1 ⊕ H×W×C2 → H×W×(C1 + C2)',
  defaults: { kind: 'concatenate' },
  idPrefix: 'concatenate',
  ...mergeBase<ConcatenateLayer>(),
  infer(_l, xs) {
    const first = xs[0]!;
    const rank = first.length;
    const ok = xs.every((s) => s.length === rank && s.slice(0, -1).every((d, i) => d === first[i]));
    if (!ok || rank === 0) {
      return fail(
        'shapeMismatch',
        `Concatenate joins along the last axis; all other sizes must match, but gets ${xs.map(formatShape).join(', ')}.`,
      );
    }
    const last = xs.reduce((sum, s) => sum + (s[rank - 1] as number), 0);
    return plain([...first.slice(0, -1), last], xs.map((s) => s[rank - 1]).join(' + ') + ` = ${last}`);
  },
  compile: (_s, ctx) =>
    ctx.applyAll(ctx.tf.layers.concatenate({ name: ctx.name, trainable: ctx.trainable, axis: -1 })),
  keras: mergeKeras('Concatenate'),
});
