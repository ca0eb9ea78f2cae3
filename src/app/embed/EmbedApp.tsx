/**
 * The embedded view (`?embed=1`, its own chunk): the graph and the chosen panels (embedParams.ts) in big type, with
 * Train and Pause only, for an <iframe> in a slide deck or an LMS page. The network comes from the share fragment;
 * nothing is saved (the store has no storage here), and "Open in CNN Playground" takes it to the full app.
 */
import { useShallow } from 'zustand/react/shallow';
import { useController } from '../controllers/ControllerContext';
import { GraphCanvas } from '../editor/GraphCanvas';
import { PanelDock } from '../panels/PanelDock';
import { Banner } from '../shell/Banner';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { useAppStore } from '../store';
import { selectProgress, selectRunError } from '../store/selectors';
import { embedPanels, embedPrefs } from './embedParams';

// Before the first render: the dock shows only the chosen panels (in memory; the embed saves nothing).
useAppStore.getState().updatePanelPrefs(() => embedPrefs(embedPanels(location.search)));

const STATUS = {
  idle: 'Not started',
  initializing: 'Preparing…',
  ready: 'Ready',
  running: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  error: 'Stopped',
} as const;

function EmbedBar() {
  const ctl = useController();
  const p = useAppStore(useShallow(selectProgress));
  const preparing = useAppStore((s) => s.preparing);
  const error = useAppStore(selectRunError);
  const running = p.status === 'running';
  const busy = p.status === 'initializing';
  return (
    <section className="embed__training" aria-label="Training">
      <div className="buttons" role="group" aria-label="Run">
        <button type="button" className="primary" onClick={() => ctl?.train()} disabled={running || !ctl}>
          Train
        </button>
        <button type="button" onClick={() => ctl?.pause()} disabled={!running && !busy}>
          Pause
        </button>
      </div>
      <span>
        Step <output>{p.step.toLocaleString('en')}</output>
      </span>
      <span className="status" data-status={p.status} aria-busy={busy}>
        {busy && preparing ? preparing : STATUS[p.status]}
      </span>
      {error && (
        <span className="run-error" role="alert">
          {error.message}
        </span>
      )}
    </section>
  );
}

/** The full app with this network: the share fragment is opened there as a share link (asking before it replaces). */
function fullAppUrl(): string {
  const u = new URL(location.href);
  u.searchParams.delete('embed');
  u.searchParams.delete('panels');
  return u.href;
}

export function EmbedApp() {
  const errorBanner = useAppStore((s) => s.banner?.kind === 'error');
  return (
    <div className="embed">
      <header className="embed__header">
        <EmbedBar />
        <span className="app__spacer" />
        <a href={fullAppUrl()} target="_blank" rel="noopener noreferrer">
          Open in CNN Playground
        </a>
      </header>
      {errorBanner && <Banner />}
      <main className="embed__body">
        <div className="embed__graph app__canvas">
          <ErrorBoundary area="The graph">
            <GraphCanvas />
          </ErrorBoundary>
        </div>
        <section className="embed__panels app__dock" aria-label="Panel dock">
          <ErrorBoundary area="The panels">
            <PanelDock />
          </ErrorBoundary>
        </section>
      </main>
    </div>
  );
}
