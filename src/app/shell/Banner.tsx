import { useAppStore } from '../store';
import { selectBanner } from '../store/selectors';
import { download } from '../persistence/exportImport';

/**
 * One message across the top: errors (role=alert) such as a bad share link, or a short info line. A banner may
 * offer a text file to download (the autosave as it was, when it could not be read).
 */
export function Banner() {
  const banner = useAppStore(selectBanner);
  const setBanner = useAppStore((s) => s.setBanner);
  if (!banner) return null;
  return (
    <div className={`banner banner--${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'}>
      <span>{banner.message}</span>
      {banner.download && (
        <button
          type="button"
          className="banner__action"
          onClick={() => {
            const d = banner.download;
            if (d) download(d.filename, d.text, 'application/json');
          }}
        >
          {banner.download.label}
        </button>
      )}
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
