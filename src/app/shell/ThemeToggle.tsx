import { useAppStore } from '../store';
import { selectTheme } from '../store/selectors';

export function ThemeToggle() {
  const theme = useAppStore(selectTheme);
  const setTheme = useAppStore((s) => s.setTheme);
  const dark = theme === 'dark';
  return (
    <button type="button" aria-pressed={dark} onClick={() => setTheme(dark ? 'light' : 'dark')}>
      Dark theme
    </button>
  );
}
