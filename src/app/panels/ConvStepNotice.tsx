/**
 * Under Activation maps, after a click on a map picked a cell for the Convolution step region (which may be off
 * screen): a status line saying so, with a button that scrolls that region into view and puts the focus on its
 * picture (so the arrow keys step on). Nothing scrolls by itself: the page only moves when the user asks.
 */
import type { ConvStepPick } from '../store/types';

const REGION = '[data-panel="Convolution step"]';

/** Scrolls the Convolution step region into view and focuses its picture; false when the dock does not show it. */
export function showConvStep(doc: Document): boolean {
  const region = doc.querySelector<HTMLElement>(REGION);
  if (!region) return false;
  region.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  region.querySelector<HTMLElement>('[role="group"][tabindex]')?.focus({ preventScroll: true });
  return true;
}

export function ConvStepNotice({ pick, shown }: { pick: ConvStepPick | null; shown: boolean }) {
  if (!pick) return null;
  const cell = `${pick.node}, row ${pick.y + 1}, column ${pick.x + 1}`;
  return (
    <p className="panel-note" role="status">
      {shown ? (
        <>
          Cell {cell} is worked out in Convolution step.{' '}
          <button type="button" onClick={() => showConvStep(document)}>
            Show in Convolution step
          </button>
        </>
      ) : (
        <>Convolution step is hidden: show it under “Panels” to see cell {cell} worked out.</>
      )}
    </p>
  );
}
