/**
 * The shell every panel shares: a named region with a collapse button. The body (and so the renderer) only exists
 * while the panel is expanded; `usePanelActive` also says whether it is on screen, so hidden panels cost nothing.
 */
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { useAppStore } from '../store';

export function usePanelCollapsed(name: string): boolean {
  return useAppStore((s) => s.collapsedPanels.includes(name));
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

export function Panel({
  name,
  children,
  wide = false,
}: {
  name: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const collapsed = usePanelCollapsed(name);
  const toggle = useAppStore((s) => s.togglePanel);
  return (
    <section
      role="region"
      aria-label={name}
      className={`panel${wide ? ' panel-wide' : ''}${collapsed ? ' panel-collapsed' : ''}`}
    >
      <header className="panel-header">
        <h3>{name}</h3>
        <button
          type="button"
          aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${name}`}
          aria-expanded={!collapsed}
          onClick={() => toggle(name)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {collapsed ? null : <div className="panel-body">{children}</div>}
    </section>
  );
}
