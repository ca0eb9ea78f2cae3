/** RBM settings (loaded with the RBM preset): hidden units, CD steps, persistent chain, visible units, explanation. */
import type { RbmVisible } from '../../engine/rbm/rbmHyper';
import { RBM_K_MAX } from '../../engine/rbm/rbmHyper';
import { rbmHiddenUnits, withRbmHidden, RBM_HIDDEN_DEFAULT } from '../../engine/rbm/rbmGraph';
import { useAppStore } from '../store';
import { NumberField } from '../fields/NumberField';
import { Select } from '../training/SettingsFields';
import { RBM_EXPLANATION } from './rbmWords';

const VISIBLE: readonly [RbmVisible, string][] = [
  ['bernoulli', 'Bernoulli (on/off pixels)'],
  ['gaussian', 'Gaussian (real values)'],
];

export function RbmSettings() {
  const r = useAppStore((s) => s.rbmHyper);
  const set = useAppStore((s) => s.setRbmHyper);
  const hidden = useAppStore((s) => rbmHiddenUnits(s.graph) ?? RBM_HIDDEN_DEFAULT);
  const edit = useAppStore((s) => s.edit);
  return (
    <fieldset className="settings gan-settings">
      <legend>RBM</legend>
      <NumberField
        layout="inline"
        label="Hidden units"
        value={hidden}
        rule={{ min: 1, max: 1024, integer: true }}
        step={1}
        hint="a new run starts with this many"
        onChange={(h) => edit((g) => withRbmHidden(g, h))}
      />
      <NumberField
        layout="inline"
        label="CD steps"
        value={r.k}
        rule={{ min: 1, max: RBM_K_MAX, integer: true }}
        step={1}
        hint="Gibbs steps in the negative phase (the k of CD-k)"
        onChange={(k) => set({ k })}
      />
      <Select
        label="Visible units"
        value={r.visible}
        options={VISIBLE}
        onChange={(visible) => set({ visible })}
      />
      <span className="field">
        <label>
          <input
            type="checkbox"
            checked={r.persistent}
            onChange={(e) => set({ persistent: e.target.checked })}
          />{' '}
          Persistent chain (PCD)
        </label>
      </span>
      <span className="field">
        <label>
          <input type="checkbox" checked={r.binarize} onChange={(e) => set({ binarize: e.target.checked })} />{' '}
          Binarise pixels
        </label>
      </span>
      <details className="rbm-explain">
        <summary>How an RBM learns</summary>
        {RBM_EXPLANATION.map((p) => (
          <p key={p.title}>
            <strong>{p.title}.</strong> {p.text}
          </p>
        ))}
      </details>
    </fieldset>
  );
}
