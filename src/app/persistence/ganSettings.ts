/** The GAN settings from an autosave, checked one field at a time (the same ranges as the GAN settings fields). */
import { DEFAULT_GAN_HYPER, type GanHyper } from '../../engine/gan/ganHyper';

type Check = (x: unknown) => string | null;

const number =
  (min: number, max: number, opts: { int?: boolean; minExclusive?: boolean } = {}): Check =>
  (x) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) return 'must be a finite number';
    if (opts.int && !Number.isInteger(x)) return 'must be a whole number';
    if (x > max || x < min || (opts.minExclusive && x === min))
      return `must be ${opts.minExclusive ? 'above' : 'at least'} ${min} and at most ${max}`;
    return null;
  };
const oneOf =
  (list: readonly string[]): Check =>
  (x) =>
    typeof x === 'string' && list.includes(x) ? null : `must be one of ${list.join(', ')}`;

const GAN_RULES: { readonly [K in keyof GanHyper]: Check } = {
  kD: number(0, 10, { int: true }),
  kG: number(0, 10, { int: true }),
  lrD: number(0, 1, { minExclusive: true }),
  lrG: number(0, 1, { minExclusive: true }),
  beta1: number(0, 0.999),
  loss: oneOf(['nonSaturating', 'leastSquares']),
  labelSmoothing: (x) => (typeof x === 'boolean' ? null : 'must be true or false'),
  batchSize: number(1, 4096, { int: true }),
  distribution: oneOf(['normal', 'uniform']),
};

/** The field names as the GAN settings show them, for the banner. */
export const GAN_LABELS: { readonly [K in keyof GanHyper]: string } = {
  kD: 'D steps',
  kG: 'G steps',
  lrD: 'D learning rate',
  lrG: 'G learning rate',
  beta1: 'Adam β1',
  loss: 'GAN loss',
  labelSmoothing: 'Label smoothing',
  batchSize: 'GAN batch size',
  distribution: 'Latent distribution',
};

/** Every valid field of `x` over `base`; each bad one is reported as `ganHyper.<field>: <why>`. */
export function restoreGanHyper(
  x: Record<string, unknown>,
  base: GanHyper,
): { value: GanHyper; bad: { field: keyof GanHyper; reason: string }[] } {
  const value: Record<string, unknown> = { ...DEFAULT_GAN_HYPER, ...base };
  const bad: { field: keyof GanHyper; reason: string }[] = [];
  for (const field of Object.keys(GAN_RULES) as (keyof GanHyper)[]) {
    if (!Object.hasOwn(x, field)) continue;
    const why = GAN_RULES[field](x[field]);
    if (why) bad.push({ field, reason: `ganHyper.${field} ${why}` });
    else value[field] = x[field];
  }
  return { value: value as unknown as GanHyper, bad };
}
