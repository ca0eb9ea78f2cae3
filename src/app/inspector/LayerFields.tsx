/** The inspector's form for one layer: one labelled field per setting, each applied to the graph on Enter or blur. */
import type {
  ActivationFn,
  ConvPadding,
  FusedActivation,
  Initializer,
  LayerSpec,
  PoolPadding,
  Shape,
} from '../../engine/graph/types';
import { assertNever } from '../../engine/graph/types';
import { activationText } from '../editor/keyParams';
import { CheckField, NumberField, PairField, SelectField, TextField } from './fields';
import { RULES, parseShape } from './parseField';

type Patch = (patch: Partial<LayerSpec>) => void;

const FUSED: readonly FusedActivation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu'];
const FUSED_OPTIONS = FUSED.map((value) => ({ value, label: activationText(value) }));
const ACTIVATION_OPTIONS: readonly { value: ActivationFn; label: string }[] = [
  ...FUSED_OPTIONS,
  { value: 'leakyRelu', label: activationText('leakyRelu') },
];
const INITIALIZER_OPTIONS: readonly { value: Initializer; label: string }[] = [
  { value: 'heNormal', label: 'He normal' },
  { value: 'heUniform', label: 'He uniform' },
  { value: 'glorotUniform', label: 'Glorot uniform' },
  { value: 'glorotNormal', label: 'Glorot normal' },
  { value: 'zeros', label: 'Zeros' },
];
const POOL_PADDING_OPTIONS: readonly { value: PoolPadding; label: string }[] = [
  { value: 'valid', label: 'valid (no border)' },
  { value: 'same', label: 'same (keep size)' },
];
type ConvPaddingMode = 'valid' | 'same' | 'explicit';
const CONV_PADDING_OPTIONS: readonly { value: ConvPaddingMode; label: string }[] = [
  ...POOL_PADDING_OPTIONS,
  { value: 'explicit', label: 'explicit (P zeros)' },
];

const shapeField = (value: Shape, onChange: (s: Shape) => void) => (
  <TextField
    label="Shape"
    value={value}
    format={(s) => s.join('×')}
    parse={parseShape}
    same={(a, b) => a.length === b.length && a.every((d, i) => d === b[i])}
    onChange={onChange}
  />
);

function ConvPaddingField({ value, onChange }: { value: ConvPadding; onChange: (p: ConvPadding) => void }) {
  const mode: ConvPaddingMode = typeof value === 'string' ? value : 'explicit';
  return (
    <>
      <SelectField
        label="Padding"
        value={mode}
        options={CONV_PADDING_OPTIONS}
        onChange={(m) =>
          onChange(m === 'explicit' ? { explicit: typeof value === 'string' ? 0 : value.explicit } : m)
        }
      />
      {typeof value !== 'string' && (
        <NumberField
          label="Padding amount"
          value={value.explicit}
          rule={RULES.paddingAmount}
          onChange={(explicit) => onChange({ explicit })}
        />
      )}
    </>
  );
}

function WeightFields({
  layer,
  patch,
}: {
  layer: { activation: FusedActivation; useBias: boolean; initializer: Initializer };
  patch: Patch;
}) {
  return (
    <>
      <SelectField
        label="Activation"
        value={layer.activation}
        options={FUSED_OPTIONS}
        onChange={(activation) => patch({ activation })}
      />
      <CheckField label="Use bias" checked={layer.useBias} onChange={(useBias) => patch({ useBias })} />
      <SelectField
        label="Initializer"
        value={layer.initializer}
        options={INITIALIZER_OPTIONS}
        onChange={(initializer) => patch({ initializer })}
      />
    </>
  );
}

export function LayerFields({ layer, patch }: { layer: LayerSpec; patch: Patch }) {
  switch (layer.kind) {
    case 'input':
      return (
        <>
          <SelectField
            label="Source"
            value={layer.source}
            options={[
              { value: 'dataset', label: 'dataset images' },
              { value: 'latent', label: 'latent vector z' },
            ]}
            onChange={(source) => patch({ source })}
          />
          {shapeField(layer.shape, (shape) => patch({ shape }))}
          {layer.source === 'latent' && (
            <SelectField
              label="Distribution"
              value={layer.distribution ?? 'normal'}
              options={[
                { value: 'normal', label: 'normal' },
                { value: 'uniform', label: 'uniform' },
              ]}
              onChange={(distribution) => patch({ distribution })}
            />
          )}
        </>
      );
    case 'conv2d':
      return (
        <>
          <NumberField
            label="Filters"
            value={layer.filters}
            rule={RULES.size}
            onChange={(filters) => patch({ filters })}
          />
          <PairField
            label="Kernel size"
            value={layer.kernel}
            rule={RULES.size}
            onChange={(kernel) => patch({ kernel })}
          />
          <PairField
            label="Stride"
            value={layer.stride}
            rule={RULES.size}
            onChange={(stride) => patch({ stride })}
          />
          <ConvPaddingField value={layer.padding} onChange={(padding) => patch({ padding })} />
          <PairField
            label="Dilation"
            value={layer.dilation}
            rule={RULES.size}
            onChange={(dilation) => patch({ dilation })}
          />
          <WeightFields layer={layer} patch={patch} />
        </>
      );
    case 'conv2dTranspose':
      return (
        <>
          <NumberField
            label="Filters"
            value={layer.filters}
            rule={RULES.size}
            onChange={(filters) => patch({ filters })}
          />
          <PairField
            label="Kernel size"
            value={layer.kernel}
            rule={RULES.size}
            onChange={(kernel) => patch({ kernel })}
          />
          <PairField
            label="Stride"
            value={layer.stride}
            rule={RULES.size}
            onChange={(stride) => patch({ stride })}
          />
          <SelectField
            label="Padding"
            value={layer.padding}
            options={POOL_PADDING_OPTIONS}
            onChange={(padding) => patch({ padding })}
          />
          <WeightFields layer={layer} patch={patch} />
        </>
      );
    case 'maxPool2d':
    case 'avgPool2d':
      return (
        <>
          <PairField
            label="Pool size"
            value={layer.pool}
            rule={RULES.size}
            onChange={(pool) => patch({ pool })}
          />
          <PairField
            label="Stride"
            value={layer.stride}
            rule={RULES.size}
            onChange={(stride) => patch({ stride })}
          />
          <SelectField
            label="Padding"
            value={layer.padding}
            options={POOL_PADDING_OPTIONS}
            onChange={(padding) => patch({ padding })}
          />
        </>
      );
    case 'dense':
      return (
        <>
          <NumberField
            label="Units"
            value={layer.units}
            rule={RULES.size}
            onChange={(units) => patch({ units })}
          />
          <WeightFields layer={layer} patch={patch} />
        </>
      );
    case 'reshape':
      return shapeField(layer.shape, (shape) => patch({ shape }));
    case 'dropout':
      return (
        <NumberField label="Rate" value={layer.rate} rule={RULES.rate} onChange={(rate) => patch({ rate })} />
      );
    case 'batchNorm':
      return (
        <>
          <NumberField
            label="Momentum"
            value={layer.momentum}
            rule={RULES.momentum}
            onChange={(momentum) => patch({ momentum })}
          />
          <NumberField
            label="Epsilon"
            value={layer.epsilon}
            rule={RULES.epsilon}
            onChange={(epsilon) => patch({ epsilon })}
          />
        </>
      );
    case 'activation':
      return (
        <>
          <SelectField
            label="Activation"
            value={layer.fn}
            options={ACTIVATION_OPTIONS}
            onChange={(fn) => patch({ fn })}
          />
          {layer.fn === 'leakyRelu' && (
            <NumberField
              label="Alpha"
              value={layer.alpha}
              rule={RULES.alpha}
              onChange={(alpha) => patch({ alpha })}
            />
          )}
        </>
      );
    case 'upSampling2d':
      return (
        <PairField label="Size" value={layer.size} rule={RULES.size} onChange={(size) => patch({ size })} />
      );
    case 'flatten':
    case 'globalAvgPool':
    case 'add':
    case 'concatenate':
      return <p className="inspector__note">This layer has no settings.</p>;
    default:
      return assertNever(layer);
  }
}
