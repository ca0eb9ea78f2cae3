/**
 * Entry point: reads the address (share link, ?backend=), creates the worker client and the training controller,
 * and renders the app. The store has already restored the autosave by now (localStorage is synchronous).
 */
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ControllerContext } from './controllers/ControllerContext';
import { createTrainingController } from './controllers/trainingController';
import { startRunRecorder } from './controllers/runRecorder';
import { frameBus } from './frames/frameBus';
import { getDrawnImage } from './panels/drawnImage';
import { currentProbeNeeds, onProbeNow, subscribeProbeNeeds } from './panels/probeNeeds';
import { isShareHash } from './persistence/share';
import { DEFAULT_RUN_CAP, openRunStore } from './persistence/runStore';
import { memoryRunStore } from './persistence/runStoreMemory';
import { IS_EMBED } from './embed/embedFlag';
import type { RunRecord } from '../engine/runs/record';
import { applyLocation, followShareLinks } from './persistence/startup';
import { loadUserDatasets, replaceMissingAfterLink } from './persistence/userDatasetsStartup';
import { isUserDatasetId } from '../engine/data/types';
import { openUserDatasetStore } from '../workers/userDatasets/store';
import { useAppStore } from './store';
import { createTrainingClient } from '../workers/trainingClient';
import './styles.css';
import './offline/offline.css';

const linkOpened = applyLocation(useAppStore.getState, location, useAppStore.getInitialState());
// An embed keeps its link: it saves nothing, so a reload of the frame needs the network from the address again.
if (!IS_EMBED && (linkOpened || isShareHash(location.hash))) {
  // The link's state is now the user's work (and autosaved), or waits in the dialog; a reload should not apply it again.
  history.replaceState(null, '', location.pathname + location.search);
}
document.documentElement.dataset['theme'] = useAppStore.getState().theme;

const controller = createTrainingController({
  store: useAppStore,
  client: createTrainingClient(),
  bus: frameBus,
  probeNeeds: currentProbeNeeds,
  onProbeNow,
  onProbeNeedsChange: subscribeProbeNeeds,
  drawnImage: getDrawnImage,
});
// The user's own datasets are listed from IndexedDB; a saved or shared setting naming one this browser does not have
// falls back to MNIST (with a banner) before the first run is prepared on it.
const userDatasetsLoaded = loadUserDatasets(useAppStore.getState, () => openUserDatasetStore(), {
  fromLink: linkOpened,
});
// A link pasted into this tab later changes only the hash: it opens the same way, once the dataset list is known.
followShareLinks(useAppStore.getState, window, useAppStore.getInitialState(), (opened) => {
  void userDatasetsLoaded.then(() => replaceMissingAfterLink(useAppStore.getState, opened));
});
if (isUserDatasetId(useAppStore.getState().dataset)) void userDatasetsLoaded.then(() => controller.prepare());
else controller.prepare();
// Every run is recorded for the Runs panel, in IndexedDB (or in memory when the browser refuses, which it says).
// The embedded view's runs stay in memory: an embed in a slide never adds to (or evicts from) the teacher's own list.
const runStore = IS_EMBED
  ? Promise.resolve(memoryRunStore<RunRecord>(DEFAULT_RUN_CAP, 'the embedded view keeps no runs'))
  : openRunStore<RunRecord>();
void runStore.then((runs) => startRunRecorder(useAppStore, runs, Date.now, () => controller.snapshot()));

// Works offline after one visit: the service worker, its notes and the install offer (their own chunk).
void import('./offline/offlineStart').then((m) => m.startOffline(window, useAppStore, IS_EMBED));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const render = (View: ComponentType) =>
  createRoot(root).render(
    <StrictMode>
      <ControllerContext.Provider value={controller}>
        <View />
      </ControllerContext.Provider>
    </StrictMode>,
  );
// The embedded view (?embed=1): the graph and the chosen panels, its own chunk; it saves nothing (store/index.ts).
if (IS_EMBED) void import('./embed/EmbedApp').then((m) => render(m.EmbedApp));
else render(App);
