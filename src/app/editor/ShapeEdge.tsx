/** The custom edge: a bezier labelled with the tensor shape it carries, and an "Insert layer" menu. */
import { useState } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { CATALOGUE, PALETTE_ORDER, defaultLayer } from '../../engine/graph/catalogue';
import { insertBetween } from '../../engine/graph/edit';
import type { LayerKind } from '../../engine/graph/types';
import { useAppStore } from '../store';
import type { ShapeFlowEdge } from './toFlow';

/** Kinds that can sit in the middle of a chain (everything but Input). */
export const INSERTABLE: readonly LayerKind[] = PALETTE_ORDER.filter((k) => k !== 'input');

export function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, source, target, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const [open, setOpen] = useState(false);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);

  const insert = (kind: LayerKind): void => {
    setOpen(false);
    const result = insertBetween(useAppStore.getState().graph, id, defaultLayer(kind));
    if (!result) return;
    edit(() => result.graph);
    select([result.id]);
  };

  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={selected ? 'shape-edge--selected' : ''} />
      <EdgeLabelRenderer>
        <div
          className="shape-edge__label nodrag nopan"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          <span className="shape-edge__shape">{data?.shape ?? '?'}</span>
          <button
            type="button"
            className="shape-edge__insert"
            aria-label={`Insert layer between ${source} and ${target}`}
            aria-expanded={open}
            title="Insert layer"
            onClick={() => setOpen((o) => !o)}
          >
            +
          </button>
          {open && (
            <div
              className="shape-edge__menu"
              role="menu"
              aria-label={`Layer to insert between ${source} and ${target}`}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setOpen(false);
              }}
            >
              {INSERTABLE.map((kind, i) => (
                <button
                  key={kind}
                  type="button"
                  role="menuitem"
                  // Focus the first entry so the keyboard can pick at once.
                  autoFocus={i === 0}
                  onClick={() => insert(kind)}
                >
                  {CATALOGUE[kind].title}
                </button>
              ))}
            </div>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
