import { useAppStore } from '../store';
import './presenter.css';

/** Presenter: bigger panels for a projector at the back of a classroom (saved with the theme), in the dock's bar. */
export function PresenterToggle() {
  const on = useAppStore((s) => s.presenter);
  const setPresenter = useAppStore((s) => s.setPresenter);
  return (
    <button
      type="button"
      className="presenter-toggle"
      aria-pressed={on}
      title="Bigger type and panels, for a projector"
      onClick={() => setPresenter(!on)}
    >
      Presenter
    </button>
  );
}
