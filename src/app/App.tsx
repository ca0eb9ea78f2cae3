import { useEffect } from 'react';
import { GraphCanvas } from './editor/GraphCanvas';
import { Palette } from './editor/Palette';
import { Inspector } from './inspector/Inspector';
import { PanelDock } from './panels/PanelDock';
import { PanelsMenu } from './panels/PanelsMenu';
import { selectMaximizedPanel } from './panels/panelLayout';
import { TrainingBar } from './training/TrainingBar';
import { Banner } from './shell/Banner';
import { ShareConfirm } from './shell/ShareConfirm';
import { SharedRunsDialog } from './shell/SharedRunsDialog';
import { DockHandle } from './shell/DockHandle';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { ProjectActions } from './shell/ProjectActions';
import { ThemeToggle } from './shell/ThemeToggle';
import { PresenterToggle } from './shell/PresenterToggle';
import { useAppStore } from './store';
import { selectDockSize, selectTheme } from './store/selectors';

/**
 * The layout: header with the training bar (top), palette (left), graph canvas (centre), inspector (right),
 * and the resizable panel dock (bottom) under its bar (the "Panels" menu and the resize handle).
 */
export function App() {
  const theme = useAppStore(selectTheme);
  const dockSize = useAppStore(selectDockSize);
  // Presenter view: a maximised panel takes the workspace's room as well as the dock's.
  const presenting = useAppStore((s) => selectMaximizedPanel(s) !== null);
  // The Presenter toggle: bigger type and panels (shell/presenter.css, .app--big).
  const big = useAppStore((s) => s.presenter);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div
      className={`app${presenting ? ' app--presenting' : ''}${big ? ' app--big' : ''}`}
      style={{ '--dock-size': `${dockSize}px` } as React.CSSProperties}
    >
      <header className="app__header">
        <div className="app__title">
          <h1>CNN Playground</h1>
          <span className="app__spacer" />
          <ProjectActions />
          <ThemeToggle />
        </div>
        <TrainingBar />
      </header>
      <Banner />
      <ShareConfirm />
      <SharedRunsDialog />
      <main className="app__workspace">
        <aside className="app__palette" aria-label="Layer palette">
          <ErrorBoundary area="The palette">
            <Palette />
          </ErrorBoundary>
        </aside>
        <div className="app__canvas">
          <ErrorBoundary area="The graph editor">
            <GraphCanvas />
          </ErrorBoundary>
        </div>
        <aside className="app__inspector" aria-label="Inspector">
          <ErrorBoundary area="The inspector">
            <Inspector />
          </ErrorBoundary>
        </aside>
      </main>
      <div className="app__dockbar">
        <PanelsMenu />
        <PresenterToggle />
        <DockHandle />
      </div>
      <section className="app__dock" aria-label="Panel dock">
        <ErrorBoundary area="The panels">
          <PanelDock />
        </ErrorBoundary>
      </section>
    </div>
  );
}
