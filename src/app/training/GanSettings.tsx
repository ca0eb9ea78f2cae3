import { useShallow } from 'zustand/react/shallow';
import type { GanLoss } from '../../engine/gan/ganHyper';
import { useAppStore } from '../store';
import { NumberField } from './NumberField';
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
        label="D steps"
        value={g.kD}
        min={0}
        max={10}
        integer
        step={1}
        hint="discriminator steps per iteration (k_D)"
        onCommit={(kD) => a.set({ kD })}
      />
      <NumberField
        label="G steps"
        value={g.kG}
        min={0}
        max={10}
        integer
        step={1}
        hint="generator steps per iteration (k_G)"
        onCommit={(kG) => a.set({ kG })}
      />
      <NumberField
        label="D learning rate"
        value={g.lrD}
        min={0}
        max={1}
        minExclusive
        onCommit={(lrD) => a.set({ lrD })}
      />
      <NumberField
        label="G learning rate"
        value={g.lrG}
        min={0}
        max={1}
        minExclusive
        onCommit={(lrG) => a.set({ lrG })}
      />
      <NumberField
        label="Adam β1"
        value={g.beta1}
        min={0}
        max={0.999}
        onCommit={(beta1) => a.set({ beta1 })}
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
