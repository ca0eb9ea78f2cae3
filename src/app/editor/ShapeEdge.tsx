/**
 * The custom edge: a bezier labelled with the tensor shape it carries, and an "Insert layer" menu. Along a row the
 * label sits in the band above the row (not on the short gap between two nodes); at a row's turn, beside it.
 */
import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { CATALOGUE, PALETTE_ORDER, defaultLayer } from '../../engine/graph/catalogue';
import { insertBetween } from '../../engine/graph/edit';
import { placeFresh } from '../../engine/graph/layoutPlace';
import type { LayerKind } from '../../engine/graph/types';
import { useAppStore } from '../store';
import { labelCentre } from './flowGeometry';
import type { ShapeFlowEdge } from './toFlow';
import { ISSUES_Z } from './toFlow';

/** An open insert menu sits above everything else on the canvas, nodes showing their issues included. */
const MENU_Z = ISSUES_Z + 1;

/** Kinds that can sit in the middle of a chain (everything but Input). */
export const INSERTABLE: readonly LayerKind[] = PALETTE_ORDER.filter((k) => k !== 'input');

/** Arrow keys, Home and End move focus through a menu's items (the ARIA menu pattern), wrapping around. */
export function menuKeyTarget(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown' || key === 'ArrowRight') return index < 0 ? 0 : (index + 1) % count;
  if (key === 'ArrowUp' || key === 'ArrowLeft') return index < 0 ? count - 1 : (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

export function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, source, target, data, selected, markerEnd } = props;
  const [path, midX, midY] = getBezierPath(props);
  const at = data
    ? labelCentre({
        source: { x: props.sourceX, y: props.sourceY },
        target: { x: props.targetX, y: props.targetY },
        sourceSize: data.sourceSize,
        targetSize: data.targetSize,
        placement: data.placement,
        shape: data.shape,
      })
    : { x: midX, y: midY };
  const labelX = data?.placement.kind === 'middle' ? midX : at.x;
  const labelY = data?.placement.kind === 'middle' ? midY : at.y;
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) toggle.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close(true);
      return;
    }
    const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
    const next = menuKeyTarget(
      e.key,
      items.indexOf(document.activeElement as HTMLButtonElement),
      items.length,
    );
    if (next === null) return;
    e.preventDefault();
    items[next]?.focus();
  };

  const insert = (kind: LayerKind): void => {
    setOpen(false);
    const before = useAppStore.getState().graph;
    const result = insertBetween(before, id, defaultLayer(kind));
    if (!result) return;
    edit(() => placeFresh(before, result.graph));
    select([result.id]);
  };

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        className={selected ? 'shape-edge--selected' : ''}
      />
      <EdgeLabelRenderer>
        <div
          className="shape-edge__label nodrag nopan"
          // An open menu is raised above the other edges' labels and above nodes' issue popovers.
          style={{
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            ...(open ? { zIndex: MENU_Z } : {}),
          }}
        >
          <span className="shape-edge__shape">{data?.shape ?? '?'}</span>
          <button
            ref={toggle}
            type="button"
            className="shape-edge__insert"
            aria-label={`Insert layer between ${source} and ${target}`}
            aria-haspopup="menu"
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
              onKeyDown={onMenuKey}
              // Tabbing or clicking away closes the menu.
              onBlur={(e) => {
                const to = e.relatedTarget as Node | null;
                // Focus going to the "+" button is left to its own click, which toggles the menu.
                if (!e.currentTarget.contains(to) && to !== toggle.current) setOpen(false);
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
