import { useAppStore } from '../store';
import { bannerEntries } from '../store/banners';
import { selectBanner } from '../store/selectors';
import { download } from '../persistence/exportImport';
import type { Banner as BannerData } from '../store/types';

/**
 * Messages across the top: errors (role=alert) such as a bad share link, or a short info line (role=status). A
 * message may offer a text file to download (the autosave as it was, when it could not be read). A message about the
 * autosave stays when a later one comes (store/banners.ts): then both show, each with its own role and download.
 */
export function Banner() {
  const banner = useAppStore(selectBanner);
  const setBanner = useAppStore((s) => s.setBanner);
  if (!banner) return null;
  const entries = bannerEntries(banner);
  const kind = entries.some((b) => b.kind === 'error') ? 'error' : 'info';
  return (
    <div className={`banner banner--${kind}`}>
      <div className="banner__messages">
        {entries.map((b, i) => (
          <Message key={`${i}:${b.message}`} banner={b} />
        ))}
      </div>
      <button
        type="button"
        className="banner__close"
        onClick={() => setBanner(null)}
        aria-label={entries.length > 1 ? 'Dismiss messages' : 'Dismiss message'}
      >
        ×
      </button>
    </div>
  );
}

function Message({ banner }: { banner: BannerData }) {
  const d = banner.download;
  return (
    <div className="banner__message" role={banner.kind === 'error' ? 'alert' : 'status'}>
      <span>{banner.message}</span>
      {d && (
        <button
          type="button"
          className="banner__action"
          onClick={() => download(d.filename, d.text, 'application/json')}
        >
          {d.label}
        </button>
      )}
    </div>
  );
}
