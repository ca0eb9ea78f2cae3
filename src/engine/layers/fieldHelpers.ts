/** Field descriptors and defaults shared by several layer modules. */
import type { FieldSpec, LayerFix, LayerIssue, NumberRule, Option } from './module';
import type { ActivationFn, FusedActivation, Initializer, PoolPadding } from './primitives';
import { FUSED_ACTIVATIONS, MAX_SIZE } from './primitives';
import { activationText } from './text';

export const RULES = {
  size: { min: 1, max: MAX_SIZE, integer: true },
  paddingAmount: { min: 0, max: 1024, integer: true },
  rate: { min: 0, max: 1, inclusiveMax: false, integer: false },
  momentum: { min: 0, max: 1, inclusiveMax: false, integer: false },
  epsilon: { min: 1e-12, max: 1, integer: false },
  alpha: { min: 0, max: 1, integer: false },
} as const satisfies Record<string, NumberRule>;

export const FUSED_OPTIONS: readonly Option<FusedActivation>[] = FUSED_ACTIVATIONS.map((value) => ({
  value,
  label: activationText(value),
}));
export const ACTIVATION_OPTIONS: readonly Option<ActivationFn>[] = [
  ...FUSED_OPTIONS,
  { value: 'leakyRelu', label: activationText('leakyRelu') },
];
export const INITIALIZER_OPTIONS: readonly Option<Initializer>[] = [
  { value: 'heNormal', label: 'He normal' },
  { value: 'heUniform', label: 'He uniform' },
  { value: 'glorotUniform', label: 'Glorot uniform' },
  { value: 'glorotNormal', label: 'Glorot normal' },
  { value: 'zeros', label: 'Zeros' },
];
export const POOL_PADDING_OPTIONS: readonly Option<PoolPadding>[] = [
  { value: 'valid', label: 'valid (no border)' },
  { value: 'same', label: 'same (keep size)' },
];

interface Weighted {
  readonly activation: FusedActivation;
  readonly useBias: boolean;
  readonly initializer: Initializer;
}

/** Activation, Use bias and Initializer: the tail of Conv2D, Conv2DTranspose and Dense. */
export function weightFields<S extends Weighted>(): FieldSpec<S>[] {
  return [
    {
      type: 'select',
      key: 'activation' as FieldSpec<S>['key'],
      label: 'Activation',
      help: 'The non-linearity applied to every output value.',
      options: FUSED_OPTIONS,
    },
    {
      type: 'check',
      key: 'useBias' as FieldSpec<S>['key'],
      label: 'Use bias',
      help: 'Adds one learned constant per output channel or unit.',
    },
    {
      type: 'select',
      key: 'initializer' as FieldSpec<S>['key'],
      label: 'Initializer',
      help: 'How the weights are drawn before training; He suits ReLU, Glorot suits tanh and sigmoid.',
      options: INITIALIZER_OPTIONS,
    },
  ];
}

/** ε of a normalization layer. */
export function epsilonField<S extends { readonly epsilon: number }>(): FieldSpec<S> {
  return {
    type: 'number',
    key: 'epsilon' as FieldSpec<S>['key'],
    label: 'Epsilon',
    rule: RULES.epsilon,
    help: 'ε: added to the variance so nothing divides by zero.',
  };
}

export const noChecks = (): readonly LayerIssue<never>[] => [];
export const noFixes = (): readonly LayerFix<never>[] => [];
export const noActivation = (): ActivationFn | null => null;
