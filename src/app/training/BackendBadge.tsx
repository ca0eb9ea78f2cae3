import { BACKEND_LABEL } from '../../engine/backend/types';
import { useAppStore } from '../store';
import { selectBackend } from '../store/selectors';

/** The backend in use and why it was chosen (visible text and a tooltip with the measured rates). */
export function BackendBadge() {
  const backend = useAppStore(selectBackend);
  const choosing = useAppStore((s) => s.status === 'initializing');
  if (!backend)
    return (
      <span className="badge badge--idle">
        {choosing ? 'Backend: choosing…' : 'Backend: chosen when training starts'}
      </span>
    );
  const rates = backend.measured
    .map(
      (m) =>
        `${BACKEND_LABEL[m.backend]}: ${m.examplesPerSec === null ? m.note : `${Math.round(m.examplesPerSec).toLocaleString('en-US')} ex/s`}`,
    )
    .join('\n');
  const tip = `${BACKEND_LABEL[backend.name]} (${backend.adapter}) — ${backend.reason}${rates ? `\n${rates}` : ''}`;
  return (
    <span className="badge" title={tip} data-testid="backend-badge">
      <strong>{BACKEND_LABEL[backend.name]}</strong> <span className="badge__reason">{backend.reason}</span>
    </span>
  );
}
