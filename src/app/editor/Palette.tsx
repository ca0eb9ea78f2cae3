/**
 * The layer palette: every catalogue block grouped by category. Drag an item onto the canvas (or onto an edge to
 * insert it there); press Enter or click to append it after the selected node.
 */
import { useState } from 'react';
import type { DragEvent } from 'react';
import type { LayerCategory } from '../../engine/graph/catalogue';
import { CATALOGUE, PALETTE_ORDER } from '../../engine/graph/catalogue';
import type { LayerKind } from '../../engine/graph/types';
import { useAppStore } from '../store';
import { LAYER_KIND_MIME, appendLayer } from './appendLayer';
import './editor.css';

const CATEGORY_TITLES: { readonly [C in LayerCategory]: string } = {
  input: 'Input',
  conv: 'Convolution',
  pool: 'Pooling',
  dense: 'Dense',
  shape: 'Reshaping',
  regularize: 'Regularization',
  activation: 'Activation',
  merge: 'Merging',
};

/** Categories in the order their first member appears in PALETTE_ORDER. */
function groups(): { category: LayerCategory; kinds: LayerKind[] }[] {
  const out: { category: LayerCategory; kinds: LayerKind[] }[] = [];
  for (const kind of PALETTE_ORDER) {
    const category = CATALOGUE[kind].category;
    const group = out.find((g) => g.category === category);
    if (group) group.kinds.push(kind);
    else out.push({ category, kinds: [kind] });
  }
  return out;
}
const GROUPS = groups();

function onDragStart(e: DragEvent<HTMLButtonElement>, kind: LayerKind): void {
  e.dataTransfer.setData(LAYER_KIND_MIME, kind);
  e.dataTransfer.setData('text/plain', CATALOGUE[kind].title);
  e.dataTransfer.effectAllowed = 'copy';
}

export function Palette() {
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);

  const [said, setSaid] = useState('');

  const append = (kind: LayerKind): void => {
    const { graph, selection } = useAppStore.getState();
    const r = appendLayer(graph, kind, selection);
    edit(() => r.graph);
    select([r.id]);
    // Say what happened: the new block may be far from the palette (or, for a screen reader, not seen at all).
    const after = r.graph.edges.find((e) => e.target === r.id)?.source;
    setSaid(after ? `Added ${r.id} after ${after}.` : `Added ${r.id}.`);
  };

  return (
    <nav className="palette" aria-label="Layers">
      <p className="palette__hint" id="palette-hint">
        Drag a layer onto the graph, or press Enter to add it after the selected layer.
      </p>
      {GROUPS.map(({ category, kinds }) => (
        <div key={category} role="group" className="palette__group" aria-labelledby={`palette-${category}`}>
          <h3 className="palette__heading" id={`palette-${category}`}>
            {CATEGORY_TITLES[category]}
          </h3>
          <ul className="palette__list">
            {kinds.map((kind) => (
              <li key={kind}>
                <button
                  type="button"
                  className={`palette__item palette__item--${category}`}
                  draggable
                  onDragStart={(e) => onDragStart(e, kind)}
                  onClick={() => append(kind)}
                  aria-describedby="palette-hint"
                  title={CATALOGUE[kind].short}
                >
                  {CATALOGUE[kind].title}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="sr-only" role="status" aria-live="polite">
        {said}
      </p>
    </nav>
  );
}
