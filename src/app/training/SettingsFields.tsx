import { lazy, Suspense, useId, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRESETS } from '../../engine/graph/presets';
import { isSecondOrder, type LrSchedule, type OptimizerId } from '../../engine/train/hyper';
import type { BackendPolicy } from '../../engine/backend/types';
import { useAppStore } from '../store';
import { selectSettings, selectUserDatasets } from '../store/selectors';
import { NumberField } from '../fields/NumberField';
import { totals } from '../../engine/graph/shapes';
import { useGraphAnalysis } from '../graphView/useGraphAnalysis';
import { CLIP_NORM_MAX, MAX_STEPS_MAX } from '../persistence/settings';
import { datasetOptions } from './datasetOptions';
import { YourImages } from '../data/YourImages';
import { AugmentationFields } from './AugmentationFields';

const OPTIMIZERS: readonly [OptimizerId, string][] = [
  ['sgd', 'SGD'],
  ['momentum', 'Momentum'],
  ['adam', 'Adam'],
  ['adadelta', 'Adadelta'],
  ['rmsprop', 'RMSprop'],
  ['lbfgs', 'L-BFGS'],
  ['cg', 'Conjugate gradient'],
];
/** Their fields and explanation load with their own chunk, when one of them is first chosen. */
const SecondOrderFields = lazy(async () => ({
  default: (await import('./SecondOrderFields')).SecondOrderFields,
}));

/** Mounted only while L-BFGS or conjugate gradient is chosen, so only then does the bar follow the graph's size. */
function SecondOrderSlot() {
  const hyper = useAppStore((st) => st.hyper);
  const setHyper = useAppStore((st) => st.setHyper);
  const trainable = totals(useGraphAnalysis().info).trainableParams;
  return (
    <Suspense fallback={null}>
      <SecondOrderFields hyper={hyper} setHyper={setHyper} trainable={trainable} NumberField={NumberField} />
    </Suspense>
  );
}
const SCHEDULES: readonly [LrSchedule, string][] = [
  ['decay', 'Decay'],
  ['linear', 'Linear to zero'],
];
const SCHEDULE_HINT: Record<LrSchedule, string> = {
  decay: 'learning rate = lr0 / (1 + decay · step); decay 0 keeps it constant',
  linear: 'the learning rate falls in a straight line from lr0 to 0 over the epochs',
};

const BACKENDS: readonly [BackendPolicy, string][] = [
  ['auto', 'Auto'],
  ['webgpu', 'WebGPU'],
  ['webgl', 'WebGL'],
  ['wasm', 'WASM'],
  ['cpu', 'CPU'],
];

export function Select<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (v: T) => void;
  describedBy?: string;
  /** A tooltip on the select: what the chosen value does. */
  title?: string;
}) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-describedby={props.describedBy}
        title={props.title}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * Preset, dataset, optimizer, backend and the numeric hyperparameters; changes apply live to a running model.
 * `children` (e.g. "Train on labels") join the same wrapping row, so the bar takes two lines at 1440 px, not three.
 */
export function SettingsFields({ children }: { readonly children?: ReactNode }) {
  const s = useAppStore(useShallow(selectSettings));
  const userDatasets = useAppStore(selectUserDatasets);
  const a = useAppStore(
    useShallow((st) => ({
      setPreset: st.setPreset,
      setDataset: st.setDataset,
      setHyper: st.setHyper,
      setSeed: st.setSeed,
      setBackendPolicy: st.setBackendPolicy,
    })),
  );
  const lessonId = useId();
  const preset = PRESETS.find((p) => p.id === s.presetId);
  const presetOptions = PRESETS.map((p) => [p.id, p.title] as const);
  return (
    <div className="settings">
      <span className="settings__preset">
        <Select
          label="Preset"
          value={preset ? s.presetId : ''}
          options={preset ? presetOptions : [['', 'Custom network'] as const, ...presetOptions]}
          onChange={a.setPreset}
          describedBy={lessonId}
        />
        <span id={lessonId} className="lesson" title={preset?.lesson ?? 'Your own network.'}>
          {preset?.lesson ?? 'Your own network.'}
        </span>
      </span>
      <span className="settings__dataset">
        <Select
          label="Dataset"
          value={s.dataset}
          options={datasetOptions(s.dataset, userDatasets)}
          onChange={a.setDataset}
        />
        <YourImages />
      </span>
      <Select
        label="Optimizer"
        value={s.hyper.optimizer}
        options={OPTIMIZERS}
        onChange={(optimizer) => a.setHyper({ optimizer })}
      />
      {isSecondOrder(s.hyper.optimizer) && <SecondOrderSlot />}
      <NumberField
        layout="inline"
        label="Learning rate"
        value={s.hyper.learningRate}
        rule={{ min: 0, max: 10, inclusiveMin: false, integer: false }}
        onChange={(learningRate) => a.setHyper({ learningRate })}
      />
      <NumberField
        layout="inline"
        label="Batch size"
        value={s.hyper.batchSize}
        rule={{ min: 1, max: 4096, integer: true }}
        step={1}
        onChange={(batchSize) => a.setHyper({ batchSize })}
      />
      <NumberField
        layout="inline"
        label="Epochs"
        value={s.hyper.epochs}
        rule={{ min: 1, max: 1000, integer: true }}
        step={1}
        onChange={(epochs) => a.setHyper({ epochs })}
      />
      <NumberField
        layout="inline"
        label="Stop at step"
        value={s.hyper.maxSteps}
        rule={{ min: 0, max: MAX_STEPS_MAX, integer: true }}
        step={100}
        hint="0 = no limit; otherwise the run finishes at this step even if the epochs are not done"
        onChange={(maxSteps) => a.setHyper({ maxSteps })}
      />
      <Select
        label="Schedule"
        value={s.hyper.schedule}
        options={SCHEDULES}
        title={SCHEDULE_HINT[s.hyper.schedule]}
        onChange={(schedule) => a.setHyper({ schedule })}
      />
      {s.hyper.schedule === 'decay' && (
        <NumberField
          layout="inline"
          label="Decay"
          value={s.hyper.decay}
          rule={{ min: 0, max: 1, integer: false }}
          hint="learning rate = lr0 / (1 + decay · step)"
          onChange={(decay) => a.setHyper({ decay })}
        />
      )}
      <NumberField
        layout="inline"
        label="Gradient clip norm"
        value={s.hyper.clipNorm}
        rule={{ min: 0, max: CLIP_NORM_MAX, integer: false }}
        hint="0 = off; otherwise the gradients are scaled down to this total size before each update"
        onChange={(clipNorm) => a.setHyper({ clipNorm })}
      />
      <AugmentationFields />
      <NumberField
        layout="inline"
        label="Seed"
        value={s.seed}
        rule={{ min: 0, max: 2 ** 31 - 1, integer: true }}
        step={1}
        onChange={a.setSeed}
      />
      <Select label="Backend" value={s.backendPolicy} options={BACKENDS} onChange={a.setBackendPolicy} />
      {children}
    </div>
  );
}
