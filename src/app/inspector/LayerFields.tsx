/**
 * The inspector's form for one layer, rendered from its module's field descriptors (src/engine/layers/<kind>.ts):
 * one labelled field per setting, each applied to the graph on Enter or blur. The file parser reads layers by the
 * same descriptors, so whatever the inspector accepts also survives a share link or a saved file.
 */
import type { ConvPadding, LayerSpec, Pair, Shape } from '../../engine/graph/types';
import { assertNever } from '../../engine/assertNever';
import type { FieldSpec } from '../../engine/layers/module';
import { POOL_PADDING_OPTIONS, RULES } from '../../engine/layers/fieldHelpers';
import { moduleOf } from '../../engine/layers/registry';
import { CheckField, NumberField, PairField, SelectField, TextField } from './fields';
import { parseShape } from './parseField';

type Patch = (patch: Partial<LayerSpec>) => void;
type Values = Readonly<Record<string, unknown>>;

type ConvPaddingMode = 'valid' | 'same' | 'explicit';
const CONV_PADDING_OPTIONS: readonly { value: ConvPaddingMode; label: string }[] = [
  ...POOL_PADDING_OPTIONS,
  { value: 'explicit', label: 'explicit (P zeros)' },
];

function ConvPaddingField(props: {
  label: string;
  help: string;
  value: ConvPadding;
  onChange: (p: ConvPadding) => void;
}) {
  const { value, onChange } = props;
  const mode: ConvPaddingMode = typeof value === 'string' ? value : 'explicit';
  return (
    <>
      <SelectField
        label={props.label}
        help={props.help}
        value={mode}
        options={CONV_PADDING_OPTIONS}
        onChange={(m) =>
          onChange(m === 'explicit' ? { explicit: typeof value === 'string' ? 0 : value.explicit } : m)
        }
      />
      {typeof value !== 'string' && (
        <NumberField
          label={`${props.label} amount`}
          value={value.explicit}
          rule={RULES.paddingAmount}
          onChange={(explicit) => onChange({ explicit })}
        />
      )}
    </>
  );
}

const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** The label's tooltip: the setting's help sentence and its unit, e.g. "… between positions. In pixels." */
export function tooltipOf(f: FieldSpec<Values>): string {
  return (f.type === 'number' || f.type === 'pair') && f.unit ? `${f.help} In ${f.unit}.` : f.help;
}

function Field({ f, values, set }: { f: FieldSpec<Values>; values: Values; set: (v: unknown) => void }) {
  const value = values[f.key];
  switch (f.type) {
    case 'number':
      return (
        <NumberField
          label={f.label}
          help={tooltipOf(f)}
          value={value as number}
          rule={f.rule}
          onChange={set}
        />
      );
    case 'pair':
      return (
        <PairField label={f.label} help={tooltipOf(f)} value={value as Pair} rule={f.rule} onChange={set} />
      );
    case 'select':
      return (
        <SelectField
          label={f.label}
          help={tooltipOf(f)}
          value={(value as string | undefined) ?? f.optionalDefault ?? ''}
          options={f.options}
          onChange={set}
        />
      );
    case 'check':
      return <CheckField label={f.label} help={tooltipOf(f)} checked={value as boolean} onChange={set} />;
    case 'shape':
      return (
        <TextField
          label={f.label}
          help={tooltipOf(f)}
          value={value as Shape}
          format={(s) => s.join('×')}
          parse={parseShape}
          same={sameShape}
          onChange={set}
        />
      );
    case 'convPadding':
      return (
        <ConvPaddingField label={f.label} help={tooltipOf(f)} value={value as ConvPadding} onChange={set} />
      );
    default:
      return assertNever(f);
  }
}

export function LayerFields({ layer, patch }: { layer: LayerSpec; patch: Patch }) {
  const fields = moduleOf(layer).fields as unknown as readonly FieldSpec<Values>[];
  const values = layer as unknown as Values;
  const shown = fields.filter((f) => f.shown?.(values) ?? true);
  if (shown.length === 0) return <p className="inspector__note">This layer has no settings.</p>;
  return (
    <>
      {shown.map((f) => (
        <Field key={f.key} f={f} values={values} set={(v) => patch({ [f.key]: v } as Partial<LayerSpec>)} />
      ))}
    </>
  );
}
