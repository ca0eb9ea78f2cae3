/** The GAN health read-outs: D(x) vs D(G(z)) balance meter (from the latest metrics) and the mode-collapse indicator. */
import {
  barFraction,
  classifyBalance,
  COLLAPSE_DIVERSITY,
  diversityVerdict,
  latestGanStats,
} from '../../visualizers/ganBalance';
import { useAppStore } from '../store';

const DIVERSITY_HELP =
  'Diversity: the mean pairwise distance between the generated samples, divided by the mean pairwise distance between real images. ' +
  `About 1 is healthy; below ${COLLAPSE_DIVERSITY} the generator is making nearly the same image for different noise (possible mode collapse).`;

function Bar({ label, value }: { label: string; value: number }) {
  const f = barFraction(value);
  return (
    <div className="viz-bar-row">
      <span>{label}</span>
      <div
        className="viz-bar-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={f}
      >
        <div className="viz-bar" style={{ width: `${(f * 100).toFixed(1)}%` }} />
      </div>
      <span>{Number.isFinite(value) ? value.toFixed(2) : '–'}</span>
    </div>
  );
}

export function GanBalance() {
  const stats = useAppStore((s) => latestGanStats(s.runs));
  if (!stats)
    return <p className="panel-note">The balance meter appears once a GAN run reports D(x) and D(G(z)).</p>;
  const word = classifyBalance(stats.dReal, stats.dFake);
  return (
    <div role="group" aria-label="Balance" className="gan-balance">
      <Bar label="D(x)" value={stats.dReal} />
      <Bar label="D(G(z))" value={stats.dFake} />
      <p className="panel-note" data-balance={word}>
        Balance: <strong>{word}</strong> (D(x) − D(G(z)) = {(stats.dReal - stats.dFake).toFixed(2)}; D wins
        above 0.5, G fools D below 0.1)
      </p>
    </div>
  );
}

export function DiversityIndicator({ diversity }: { diversity: number | null }) {
  if (diversity === null) return null;
  const verdict = diversityVerdict(diversity);
  const text = `Diversity ${Number.isFinite(diversity) ? diversity.toFixed(2) : '–'}: ${verdict}`;
  return (
    <div
      title={DIVERSITY_HELP}
      className={verdict === 'possible mode collapse' ? 'panel-warning' : undefined}
      role={verdict === 'possible mode collapse' ? 'alert' : undefined}
    >
      <p className="panel-note">
        <strong>{text}</strong>
      </p>
      <p className="panel-note">{DIVERSITY_HELP}</p>
    </div>
  );
}
