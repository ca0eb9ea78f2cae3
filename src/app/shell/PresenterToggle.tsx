import { useAppStore } from '../store';
import './presenter.css';

/** Presenter: bigger type and panels for a projector at the back of a classroom (saved with the theme). */
export function PresenterToggle() {
  const on = useAppStore((s) => s.presenter);
  const setPresenter = useAppStore((s) => s.setPresenter);
  return (
    <button
      type="button"
      aria-pressed={on}
      title="Bigger type and panels, for a projector"
      onClick={() => setPresenter(!on)}
    >
      Presenter
    </button>
  );
}
