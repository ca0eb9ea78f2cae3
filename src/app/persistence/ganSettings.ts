/** The GAN settings from an autosave, checked one field at a time (the same ranges as the GAN settings fields). */
import { DEFAULT_GAN_HYPER, type GanHyper } from '../../engine/gan/ganHyper';
import { checkNumber, type NumRule } from './settings';

/** Why the value of the field `name` is refused, as `<name> must …`; null when it is fine. */
type Check = (name: string, x: unknown) => string | null;

const number =
  (rule: NumRule): Check =>
  (name, x) =>
    checkNumber(name, x, rule);
const oneOf =
  (list: readonly string[]): Check =>
  (name, x) =>
    typeof x === 'string' && list.includes(x) ? null : `${name} must be one of ${list.join(', ')}`;

const GAN_RULES: { readonly [K in keyof GanHyper]: Check } = {
  kD: number({ min: 0, max: 10, int: true }),
  kG: number({ min: 0, max: 10, int: true }),
  lrD: number({ min: 0, max: 1, minExclusive: true }),
  lrG: number({ min: 0, max: 1, minExclusive: true }),
  beta1: number({ min: 0, max: 0.999 }),
  loss: oneOf(['nonSaturating', 'leastSquares']),
  labelSmoothing: (name, x) => (typeof x === 'boolean' ? null : `${name} must be true or false`),
  batchSize: number({ min: 1, max: 4096, int: true }),
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
    const why = GAN_RULES[field](`ganHyper.${field}`, x[field]);
    if (why) bad.push({ field, reason: why });
    else value[field] = x[field];
  }
  return { value: value as unknown as GanHyper, bad };
}
