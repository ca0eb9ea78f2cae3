import { useRef } from 'react';
import { useAppStore } from '../store';
import { selectDockSize } from '../store/selectors';
import { DOCK_MAX, DOCK_MIN } from '../store/uiSlice';

const KEY_STEP = 16;

/** The drag handle above the panel dock: drag it, or focus it and use the arrow keys (Home/End for the limits). */
export function DockHandle() {
  const size = useAppStore(selectDockSize);
  const setDockSize = useAppStore((s) => s.setDockSize);
  const drag = useRef<{ startY: number; startSize: number } | null>(null);
  return (
    <div
      className="dock-handle"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize panel dock"
      aria-valuemin={DOCK_MIN}
      aria-valuemax={DOCK_MAX}
      aria-valuenow={size}
      tabIndex={0}
      onKeyDown={(e) => {
        const next =
          e.key === 'ArrowUp'
            ? size + KEY_STEP
            : e.key === 'ArrowDown'
              ? size - KEY_STEP
              : e.key === 'Home'
                ? DOCK_MIN
                : e.key === 'End'
                  ? DOCK_MAX
                  : null;
        if (next === null) return;
        e.preventDefault();
        setDockSize(next);
      }}
      onPointerDown={(e) => {
        drag.current = { startY: e.clientY, startSize: size };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (drag.current) setDockSize(drag.current.startSize + drag.current.startY - e.clientY);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
    />
  );
}
