import { useShallow } from 'zustand/react/shallow';
import type { GanLoss } from '../../engine/gan/ganHyper';
import { useAppStore } from '../store';
import { NumberField } from '../fields/NumberField';
import { Select } from './SettingsFields';

const LOSSES: readonly [GanLoss, string][] = [
  ['nonSaturating', 'Non-saturating'],
  ['leastSquares', 'Least squares'],
];
const DISTRIBUTIONS: readonly ['normal' | 'uniform', string][] = [
  ['normal', 'Normal N(0, 1)'],
  ['uniform', 'Uniform U(−1, 1)'],
];

/** GAN settings, shown only for GAN presets; they apply to the running GAN at its next iteration. */
export function GanSettings() {
  const g = useAppStore((s) => s.ganHyper);
  const isGan = useAppStore((s) => s.ganGraphs !== null);
  const a = useAppStore(useShallow((s) => ({ set: s.setGanHyper })));
  if (!isGan) return null;
  return (
    <fieldset className="settings gan-settings">
      <legend>GAN</legend>
      <NumberField
        layout="inline"
        label="D steps"
        value={g.kD}
        rule={{ min: 0, max: 10, integer: true }}
        step={1}
        hint="discriminator steps per iteration (k_D)"
        onChange={(kD) => a.set({ kD })}
      />
      <NumberField
        layout="inline"
        label="G steps"
        value={g.kG}
        rule={{ min: 0, max: 10, integer: true }}
        step={1}
        hint="generator steps per iteration (k_G)"
        onChange={(kG) => a.set({ kG })}
      />
      <NumberField
        layout="inline"
        label="D learning rate"
        value={g.lrD}
        rule={{ min: 0, max: 1, inclusiveMin: false, integer: false }}
        onChange={(lrD) => a.set({ lrD })}
      />
      <NumberField
        layout="inline"
        label="G learning rate"
        value={g.lrG}
        rule={{ min: 0, max: 1, inclusiveMin: false, integer: false }}
        onChange={(lrG) => a.set({ lrG })}
      />
      <NumberField
        layout="inline"
        label="Adam β1"
        value={g.beta1}
        rule={{ min: 0, max: 0.999, integer: false }}
        onChange={(beta1) => a.set({ beta1 })}
      />
      <Select label="GAN loss" value={g.loss} options={LOSSES} onChange={(loss) => a.set({ loss })} />
      <Select
        label="Latent distribution"
        value={g.distribution}
        options={DISTRIBUTIONS}
        onChange={(distribution) => a.set({ distribution })}
      />
      <span className="field">
        <label>
          <input
            type="checkbox"
            checked={g.labelSmoothing}
            onChange={(e) => a.set({ labelSmoothing: e.target.checked })}
          />{' '}
          Label smoothing
        </label>
      </span>
    </fieldset>
  );
}
