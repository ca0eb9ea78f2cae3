/**
 * "Sweep" in the Runs panel: pick a node's setting (or a training setting), type the values to try and a budget in
 * epochs or steps; the sweep controller trains one run per value, one after another, and each lands in the Runs table.
 */
import { useId, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeId } from '../../engine/graph/types';
import {
  sweepableFields,
  TRAINING_SWEEP_FIELDS,
  type SweepTarget,
  type TrainingSweepKey,
} from '../../engine/runs/sweep';
import type { BudgetUnit } from '../../engine/runs/sweepBudget';
import { useController } from '../controllers/ControllerContext';
import { sweepControllerFor } from '../controllers/sweepController';
import { useAppStore } from '../store';

const TRAINING = '__training';
export const MAX_SWEEP_NODES = 100;
const TRAINING_KEYS = Object.keys(TRAINING_SWEEP_FIELDS) as TrainingSweepKey[];

function Labelled(props: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
    </span>
  );
}

export function SweepForm() {
  const controller = useController();
  const { graph, status, sweep, gan } = useAppStore(
    useShallow((s) => ({ graph: s.graph, status: s.status, sweep: s.sweep, gan: s.ganGraphs !== null })),
  );
  // At most MAX_SWEEP_NODES choices: a 1,000-layer network would otherwise put a thousand options in the page, which
  // slows every keystroke anywhere in it.
  const sweepable = graph.nodes.filter((n) => sweepableFields(n.layer).length > 0);
  const nodes = sweepable.slice(0, MAX_SWEEP_NODES);
  const [nodeChoice, setNode] = useState<string | null>(null);
  const [keyChoice, setKey] = useState<string | null>(null);
  const [values, setValues] = useState('3, 5, 7, 10');
  const [budget, setBudget] = useState('1');
  const [unit, setUnit] = useState<BudgetUnit>('epochs');
  const [error, setError] = useState<string | null>(null);

  const node =
    nodeChoice === TRAINING || nodes.some((n) => n.id === nodeChoice)
      ? nodeChoice!
      : (nodes.find((n) => n.layer.kind === 'conv2d')?.id ?? nodes[0]?.id ?? TRAINING);
  const layer = nodes.find((n) => n.id === node)?.layer;
  const fields: readonly { key: string; label: string }[] = layer
    ? sweepableFields(layer)
    : TRAINING_KEYS.map((key) => ({ key, label: TRAINING_SWEEP_FIELDS[key].label }));
  const key = fields.some((f) => f.key === keyChoice) ? keyChoice! : (fields[0]?.key ?? '');

  const sweeping = sweep !== null && !sweep.done;
  const busy = !sweeping && (status === 'running' || status === 'initializing');
  const sweeper = controller ? sweepControllerFor(useAppStore, controller) : null;

  const start = (): void => {
    if (!sweeper) return;
    const target: SweepTarget =
      node === TRAINING
        ? { kind: 'training', key: key as TrainingSweepKey }
        : { kind: 'layer', node: node as NodeId, key };
    setError(sweeper.start({ target, values, budget: { unit, amount: Number(budget) } }));
  };

  if (gan && !sweeping)
    return (
      <section className="sweep" aria-label="Sweep">
        <h3 className="sweep__title">Sweep</h3>
        <p className="panel-note">
          Sweeps try one setting of a classifier or an autoencoder at several values; a GAN's two networks
          cannot be swept yet. Each GAN run is still recorded here.
        </p>
      </section>
    );

  return (
    <section className="sweep" aria-label="Sweep">
      <h3 className="sweep__title">Sweep</h3>
      <fieldset className="sweep__fields" disabled={sweeping || busy || !sweeper}>
        <Labelled label="Sweep node">
          {(id) => (
            <select
              id={id}
              value={node}
              onChange={(e) => setNode(e.target.value)}
              title={
                sweepable.length > nodes.length
                  ? `The first ${MAX_SWEEP_NODES} of ${sweepable.length} layers with settings`
                  : undefined
              }
            >
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.id}
                </option>
              ))}
              <option value={TRAINING}>Training settings</option>
            </select>
          )}
        </Labelled>
        <Labelled label="Sweep setting">
          {(id) => (
            <select id={id} value={key} onChange={(e) => setKey(e.target.value)}>
              {fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled label="Sweep values">
          {(id) => (
            <input
              id={id}
              type="text"
              value={values}
              placeholder="3, 5, 7, 10"
              title="The values to try, separated by commas"
              onChange={(e) => setValues(e.target.value)}
            />
          )}
        </Labelled>
        <Labelled label="Sweep budget">
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              step={1}
              value={budget}
              title={`How many ${unit} each run trains`}
              onChange={(e) => setBudget(e.target.value)}
            />
          )}
        </Labelled>
        <Labelled label="Budget unit">
          {(id) => (
            <select
              id={id}
              value={unit}
              title="Steps: each run stops after this many batches, whatever the epochs. Seconds: after this much training time (pauses do not count)"
              onChange={(e) => setUnit(e.target.value as BudgetUnit)}
            >
              <option value="epochs">Epochs</option>
              <option value="steps">Steps</option>
              <option value="seconds">Seconds</option>
            </select>
          )}
        </Labelled>
        <button type="button" onClick={start}>
          Start sweep
        </button>
      </fieldset>
      {busy && <p className="panel-note">A run is training: pause it to start a sweep.</p>}
      {error && (
        <p role="alert" className="runs__error">
          {error}
        </p>
      )}
      {sweeping && (
        <p className="sweep__status">
          <span role="status">
            {status === 'paused'
              ? `Sweep ${sweep.index}/${sweep.total}: ${sweep.label} is paused. Press Train to go on; the sweep continues when this run finishes.`
              : `Sweep ${sweep.index}/${sweep.total}: ${sweep.label}…`}
          </span>{' '}
          <button type="button" onClick={() => sweeper?.cancel()}>
            Cancel sweep
          </button>
        </p>
      )}
      {sweep?.done && sweep.ended !== undefined && (
        <p className="panel-note" role="status">
          {sweep.ended}
        </p>
      )}
      {sweep !== null && sweep.skipped.length > 0 && (
        <ul className="sweep__skipped" aria-label="Skipped variants">
          {sweep.skipped.map((x) => (
            <li key={x.label}>
              Skipped {x.label}: {x.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
