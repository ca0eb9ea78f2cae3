import { useAppStore } from '../store';
import { selectBanner } from '../store/selectors';

/** One message across the top: errors (role=alert) such as a bad share link, or a short info line. */
export function Banner() {
  const banner = useAppStore(selectBanner);
  const setBanner = useAppStore((s) => s.setBanner);
  if (!banner) return null;
  return (
    <div className={`banner banner--${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'}>
      <span>{banner.message}</span>
      <button
        type="button"
        className="banner__close"
        onClick={() => setBanner(null)}
        aria-label="Dismiss message"
      >
        ×
      </button>
    </div>
  );
}
