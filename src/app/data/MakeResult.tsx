/** What "Make dataset" came to: the classes with their counts, warnings and skipped files; or why it did not. */
import type { SkippedFile } from '../../engine/data/userDataset';
import { fmtInt } from '../training/format';
import type { MakeResult as Result } from './useMakeDataset';

/** Shown by name up to this many; the rest are counted. */
const MAX_SKIPPED = 200;

function Skipped({ skipped }: { readonly skipped: readonly SkippedFile[] }) {
  if (skipped.length === 0) return null;
  return (
    <div className="own__skipped">
      <p>
        Skipped {fmtInt(skipped.length)} file{skipped.length === 1 ? '' : 's'}:
      </p>
      <ul aria-label="Skipped files">
        {skipped.slice(0, MAX_SKIPPED).map((f, i) => (
          <li key={i}>
            <span className="own__file">{f.name}</span>: {f.reason}
          </li>
        ))}
        {skipped.length > MAX_SKIPPED && <li>and {fmtInt(skipped.length - MAX_SKIPPED)} more</li>}
      </ul>
    </div>
  );
}

export function MakeResult({ result }: { readonly result: Result | null }) {
  if (!result) return null;
  switch (result.kind) {
    case 'problem':
      return (
        <p role="alert" className="own__error">
          {result.message}
        </p>
      );
    case 'cancelled':
      return (
        <p role="status" className="own__note">
          Cancelled: nothing was saved. Your images are still here to try again.
        </p>
      );
    case 'failed':
      return (
        <div className="own__result">
          <p role="alert" className="own__error">
            {result.message}
          </p>
          <Skipped skipped={result.skipped} />
        </div>
      );
    case 'done': {
      const m = result.meta;
      const [h, w, c] = m.shape;
      return (
        <div className="own__result" role="status">
          <p>
            Made “{m.name}”: {fmtInt(m.counts.train + m.counts.test)} images of {h}×{w}×{c} in{' '}
            {m.classNames.length} classes. It is now the chosen Dataset; if your network’s Input has another
            shape, the graph says so and offers the fix.
          </p>
          <table className="own__counts">
            <caption className="sr-only">Images per class</caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Train</th>
                <th scope="col">Test</th>
              </tr>
            </thead>
            <tbody>
              {m.classNames.map((name, i) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{fmtInt(m.perClass.train[i] ?? 0)}</td>
                  <td>{fmtInt(m.perClass.test[i] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.warnings.length > 0 && (
            <ul aria-label="Warnings" className="own__warnings">
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <Skipped skipped={m.skipped} />
        </div>
      );
    }
  }
}
