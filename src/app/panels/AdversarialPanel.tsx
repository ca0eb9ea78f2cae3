/**
 * Adversarial example: the chosen sample (the test image or drawing the other panels show) attacked by FGSM or PGD at
 * the ε of the slider, computed in the worker on the current model; the smallest flipping ε comes with every frame.
 */
import { useEffect, useRef, useState } from 'react';
import { frameBus } from '../frames/frameBus';
import { EPSILON_MAX } from '../../engine/inspect/adversarialSettings';
import { createAdversarial, type AttackView, type SearchView } from '../../visualizers/adversarial';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Adversarial example';
const EPSILON_STEP = 0.005;
export const DEFAULT_EPSILON = 0.1;

type Method = 'fgsm' | 'pgd';

function AdversarialBody() {
  const [epsilon, setEpsilon] = useState(DEFAULT_EPSILON);
  const [method, setMethod] = useState<Method>('fgsm');
  const [host, r] = useRenderer((el) => createAdversarial(el), { clearOnNewRun: true });
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'adversarial', method, epsilon }, active);
  useProbeNeed({ kind: 'adversarialSearch' }, active);
  const latest = useRef<{ attack: AttackView | null; search: SearchView | null }>({
    attack: null,
    search: null,
  });
  // A new run: its frames only (the renderer is replaced by a blank one).
  useEffect(
    () =>
      frameBus.onClear(() => {
        latest.current = { attack: null, search: null };
      }),
    [],
  );
  const draw = (): void => {
    const { attack, search } = latest.current;
    if (attack) r.current?.update({ attack, search });
  };
  useFrames('adversarial', active, (f) => {
    latest.current.attack = f;
    draw();
  });
  useFrames('adversarialSearch', active, (f) => {
    latest.current.search = f;
    draw();
  });
  return (
    <>
      <div className="panel-controls">
        <label>
          Attack method{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            <option value="fgsm">FGSM</option>
            <option value="pgd">PGD (10 steps of ε/4)</option>
          </select>
        </label>
        <label>
          Attack size ε{' '}
          <input
            type="range"
            min={0}
            max={EPSILON_MAX}
            step={EPSILON_STEP}
            value={epsilon}
            aria-valuetext={epsilon.toFixed(3)}
            onChange={(e) => setEpsilon(Number(e.target.value))}
          />
        </label>
        <output aria-label="ε value">{epsilon.toFixed(3)}</output>
      </div>
      <div ref={host} className="panel-canvas-host" />
      <p className="panel-note">
        FGSM moves every pixel by ε in the direction that most raises the network’s loss on the true class
        (the sign of the gradient with respect to the input); PGD takes several smaller steps of that kind,
        pulling the image back each time so no pixel moves more than ε. The search tries growing ε until the
        top class changes, to show how small a change is enough.
      </p>
      <p className="panel-note">
        Caveat: this attacks one small network with its own gradients, so a flip here says little about how
        robust networks are in general. ε is in pixel units (0.1 is a tenth of the way from black to white);
        that a barely visible change flips a digit is the finding, not a bug.
      </p>
    </>
  );
}

export function AdversarialPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <AdversarialBody />}</Panel>;
}
