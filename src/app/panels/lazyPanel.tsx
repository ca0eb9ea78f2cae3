/**
 * A panel whose code loads when it is first shown (its own chunk), so the page's first JavaScript stays small: the
 * panels that look inside a trained network are below the first screen. Until the chunk has come, the region is
 * already there, named, saying it is loading.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Panel } from './Panel';

export function lazyPanel(name: string, load: () => Promise<ComponentType>): ComponentType {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyPanel() {
    return (
      <Suspense
        fallback={
          <Panel name={name}>
            <p className="panel-note">Loading…</p>
          </Panel>
        }
      >
        <Lazy />
      </Suspense>
    );
  }
  LazyPanel.displayName = `Lazy(${name})`;
  return LazyPanel;
}
