/**
 * The shell every panel shares: a named region with a maximise ("presenter view") and a collapse button. The body
 * (and so the renderer) only exists while the panel is expanded; `usePanelActive` also says whether it is on screen,
 * so hidden panels cost nothing. A maximised panel is never collapsed.
 */
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { useAppStore } from '../store';
import { selectDockKind, selectMaximizedPanel, withMaximized } from './panelLayout';

export function usePanelCollapsed(name: string): boolean {
  return useAppStore((s) => s.collapsedPanels.includes(name) && selectMaximizedPanel(s) !== name);
}

/** True while the element is (near) the viewport. Without IntersectionObserver it is always true. */
export function useOnScreen(ref: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const node = ref.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), {
      rootMargin: '100px',
    });
    io.observe(node);
    return () => io.disconnect();
  }, [ref]);
  return visible;
}

/** Drawn with CSS (a box, or two for "restore"): the panel's only SVG stays its chart's. */
function MaximizeIcon({ maximized }: { maximized: boolean }) {
  return (
    <span aria-hidden="true" className={`panel-icon panel-icon--${maximized ? 'restore' : 'maximize'}`} />
  );
}

export function Panel({
  name,
  children,
  fill = false,
}: {
  name: string;
  children: ReactNode;
  /** The body is a column whose last child takes the height left (charts that size to their box). */
  fill?: boolean;
}) {
  const collapsed = usePanelCollapsed(name);
  const maximized = useAppStore((s) => selectMaximizedPanel(s) === name);
  const toggle = useAppStore((s) => s.togglePanel);
  const update = useAppStore((s) => s.updatePanelPrefs);
  const maximize = (on: boolean): void => {
    const kind = selectDockKind(useAppStore.getState());
    update((p) => withMaximized(p, kind, on ? name : null));
  };
  return (
    <section
      role="region"
      aria-label={name}
      data-panel={name}
      className={`panel${collapsed ? ' panel-collapsed' : ''}${maximized ? ' panel-maximized' : ''}`}
    >
      <header className="panel-header">
        <h3>{name}</h3>
        <span className="panel-header__buttons">
          {maximized ? <span className="panel-note">Esc to restore</span> : null}
          <button
            type="button"
            aria-label={`${maximized ? 'Restore' : 'Maximize'} ${name}`}
            title={maximized ? 'Restore (Esc)' : 'Maximize'}
            onClick={() => maximize(!maximized)}
          >
            <MaximizeIcon maximized={maximized} />
          </button>
          {maximized ? null : (
            <button
              type="button"
              aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${name}`}
              aria-expanded={!collapsed}
              title={collapsed ? 'Expand' : 'Collapse'}
              onClick={() => toggle(name)}
            >
              <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
            </button>
          )}
        </span>
      </header>
      {collapsed ? null : <div className={`panel-body${fill ? ' panel-body--fill' : ''}`}>{children}</div>}
    </section>
  );
}
