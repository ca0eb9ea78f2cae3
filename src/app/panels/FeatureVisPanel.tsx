/**
 * Feature visualization: pictures made by gradient ascent on the input, in the worker on the current model — for each
 * filter of a conv layer (a page of 8 at a time), for each class, or a "dream" that amplifies what a layer sees in the
 * chosen sample (Inceptionism, with octaves and a replay of its steps). Chunked (featureVisJob.ts) so training goes on.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Graph, NodeId } from '../../engine/graph/types';
import { outputNode } from '../../engine/graph/graphUtils';
import type { FeatureVisParam, FeatureVisTarget } from '../../engine/train/probes/types';
import { createFeatureTiles } from '../../visualizers/featureTiles';
import { useAppStore } from '../store';
import { sampleRef } from '../controllers/probeRequests';
import { getDrawnImage } from './drawnImage';
import { gradCamLayers } from '../../engine/inspect/saliencyMethod';
import { requestProbeNow } from './probeNeeds';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { nodeLabel, useFrames, useOnNewRun, useRenderer } from './usePanelFrames';
import { tileLabels, tileNote } from './featureVisLabels';
import { createFeatureVisJob } from './featureVisJob';
import { DreamPlayer } from './DreamPlayer';

const NAME = 'Feature visualization';
const IDLE = { done: 0, total: 0, running: false, step: -1, chunkMs: 0, seconds: 0 };

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
const PAGE = 8;
type Mode = FeatureVisTarget['mode'];

const EXPLAIN: Record<Mode, string> = {
  filters:
    'Each picture starts as grey noise and is changed, step by step, in whatever direction makes one filter of the ' +
    'layer respond more strongly on average: it shows the pattern that filter is tuned to. Jitter, blur and L2 decay ' +
    'keep the pictures from turning into pixel noise.',
  classes:
    'Each picture is changed step by step to raise one class’s score (before the softmax): what the network, as it ' +
    'is now, takes as most typical of that class.',
  dream:
    'Inceptionism: the chosen image is changed step by step so that everything the layer already sees in it is seen ' +
    'more strongly, first at a small size and then at larger ones (octaves), so big shapes grow before fine detail.',
};
const CAVEAT =
  'Caveat: these are the inputs that maximise a score, not what the network usually sees; a filter may respond to ' +
  'many different patterns, and pictures that look like nothing can still score highest.';

/** Units of the output layer (the classes). */
function classCount(g: Graph): number {
  const out = outputNode(g);
  const layer = g.nodes.find((n) => n.id === out)?.layer;
  return layer?.kind === 'dense' ? layer.units : 10;
}

/** Conv layers a picture can be made for, in the order the data flows (as Saliency lists them). */
const convLayers = (g: Graph): { id: NodeId; filters: number }[] =>
  gradCamLayers(g).flatMap((id) => {
    const layer = g.nodes.find((n) => n.id === id)?.layer;
    return layer?.kind === 'conv2d' ? [{ id, filters: layer.filters }] : [];
  });

function FeatureVisBody() {
  const graph = useAppStore((s) => s.runGraph ?? s.graph);
  const status = useAppStore((s) => s.status);
  const sample = useAppStore((s) => s.sample);
  const convs = useMemo(() => convLayers(graph), [graph]);
  const [mode, setMode] = useState<Mode>('filters');
  const [layerChoice, setLayer] = useState<NodeId | null>(null);
  const [page, setPage] = useState(0);
  const [param, setParam] = useState<FeatureVisParam>('pixels');
  const [regs, setRegs] = useState({ jitter: true, blur: true, decay: true });
  const [octaves, setOctaves] = useState(3);
  const [progress, setProgress] = useState(IDLE);
  // Bumped on a new run, so the job restarts on the new network (and the old run's pictures and words are gone).
  const [run, setRun] = useState(0);
  const startedAt = useRef(0);
  const [frames, setFrames] = useState<Uint8Array[]>([]);
  const [again, setAgain] = useState(0);
  const layer = convs.find((c) => c.id === layerChoice) ?? convs[0] ?? null;
  const pages = layer ? Math.ceil(layer.filters / PAGE) : 0;
  const shownPage = Math.min(page, Math.max(0, pages - 1));
  const classes = useMemo(() => classCount(graph), [graph]);
  const [dims, setDims] = useState({ h: 28, w: 28, channels: 1 });
  const [host, r] = useRenderer(
    (el) => createFeatureTiles(el, { scale: 3, label: 'Feature visualization pictures' }),
    {
      clearOnNewRun: true,
    },
  );
  const active = useOnScreen(host) && graph.role === 'classifier';
  const ready = status === 'ready' || status === 'running' || status === 'paused' || status === 'finished';
  const statusRef = useRef(status);
  statusRef.current = status;
  const job = useMemo(
    () =>
      createFeatureVisJob({
        send: (req, user) => requestProbeNow(req, user),
        chunkSize: () => (statusRef.current === 'running' ? 4 : 16),
      }),
    [],
  );

  const target = useMemo((): FeatureVisTarget | null => {
    if (mode === 'classes')
      return { mode, units: Array.from({ length: Math.min(16, classes) }, (_, i) => i) };
    if (!layer) return null;
    if (mode === 'dream')
      return { mode, node: layer.id, sample: sampleRef(sample, getDrawnImage()), octaves };
    const from = shownPage * PAGE;
    const units = Array.from({ length: Math.min(PAGE, layer.filters - from) }, (_, i) => from + i);
    return { mode, node: layer.id, units };
  }, [mode, layer, shownPage, classes, sample, octaves]);
  const key = target ? JSON.stringify({ target, param, regs, again, run }) : null;
  useOnNewRun(() => {
    job.stop();
    setFrames([]);
    setProgress(IDLE);
    setRun((n) => n + 1);
  });

  // A job starts when its panel is on screen and runs to its end even if the panel scrolls away (its chunks are
  // cheap and go through the probe budget): stopping it there left the progress line "running" for ever. Coming
  // back on screen does not restart it; a new target, run or Visualize (a new key) does.
  const startedKey = useRef<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => job.tick(), 1000);
    return () => {
      clearInterval(timer);
      job.stop();
      startedKey.current = null;
    };
  }, [job]);
  useEffect(() => {
    if (startedKey.current === key) return;
    if (startedKey.current !== null) {
      job.stop();
      startedKey.current = null;
    }
    if (!active || !ready || !target || !key) return;
    startedKey.current = key;
    setFrames([]);
    job.start({ target, param, regularisers: regs });
    startedAt.current = performance.now();
    setProgress({ ...IDLE, running: true });
    // `key` stands for target, param and regs; ready only gates the start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, ready, key, job]);

  // Subscribed off screen too, so a job that scrolled away still takes its chunks' answers.
  useFrames('featureVis', true, (f) => {
    if (!job.accept(f) || !target) return;
    const dream = target.mode === 'dream';
    // A dream shows the image it started from beside the dream, each labelled.
    const pixels = dream && f.start ? concat(f.start, f.pixels) : f.pixels;
    const count = dream && f.start ? 2 : f.count;
    r.current?.update({
      count,
      h: f.h,
      w: f.w,
      channels: f.channels,
      pixels,
      labels: tileLabels(target, f.done, f.total).slice(-count),
      notes: Array.from({ length: count }, (_, i) => tileNote(f, i, target.mode)),
    });
    if (dream)
      setFrames((prev) => (prev.length === 0 && f.start ? [f.start, f.pixels] : [...prev, f.pixels]));
    setDims((d) =>
      d.h === f.h && d.w === f.w && d.channels === f.channels ? d : { h: f.h, w: f.w, channels: f.channels },
    );
    setProgress({
      done: f.done,
      total: f.total,
      running: job.running,
      step: f.step,
      chunkMs: f.ms,
      seconds: (performance.now() - startedAt.current) / 1000,
    });
  });

  if (graph.role !== 'classifier')
    return <p className="panel-note">Feature visualization is for classifiers.</p>;
  return (
    <>
      <p className="panel-note">
        {EXPLAIN[mode]} {CAVEAT}
      </p>
      <div className="panel-controls">
        <label>
          Maximise{' '}
          <select aria-label="Maximise" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="filters">Filters of a layer</option>
            <option value="classes">Class scores</option>
            <option value="dream">Dream (Inceptionism)</option>
          </select>
        </label>
        {mode !== 'classes' && layer ? (
          <label>
            Layer{' '}
            <select aria-label="Layer" value={layer.id} onChange={(e) => setLayer(e.target.value as NodeId)}>
              {convs.map((c) => (
                <option key={c.id} value={c.id}>
                  {nodeLabel(graph, c.id)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {mode === 'filters' && pages > 1 ? (
          <label>
            Filter page{' '}
            <select
              aria-label="Filter page"
              value={shownPage}
              onChange={(e) => setPage(Number(e.target.value))}
            >
              {Array.from({ length: pages }, (_, i) => (
                <option key={i} value={i}>
                  {i * PAGE + 1}–{Math.min(layer?.filters ?? 0, (i + 1) * PAGE)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {mode === 'dream' ? (
          <label>
            Octaves{' '}
            <select aria-label="Octaves" value={octaves} onChange={(e) => setOctaves(Number(e.target.value))}>
              {[1, 2, 3].map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label>
              Image parameterisation{' '}
              <select
                aria-label="Image parameterisation"
                value={param}
                onChange={(e) => setParam(e.target.value as FeatureVisParam)}
              >
                <option value="pixels">Pixels</option>
                <option value="spectral">Fourier (decorrelated)</option>
              </select>
            </label>
            {(['jitter', 'blur', 'decay'] as const).map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={regs[k]}
                  onChange={(e) => setRegs((p) => ({ ...p, [k]: e.target.checked }))}
                />{' '}
                {k === 'jitter' ? 'Jitter' : k === 'blur' ? 'Blur' : 'L2 decay'}
              </label>
            ))}
          </>
        )}
        {progress.running ? (
          <button type="button" onClick={() => (job.stop(), setProgress((p) => ({ ...p, running: false })))}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={() => setAgain((n) => n + 1)} disabled={!ready}>
            Visualize
          </button>
        )}
      </div>
      <p className="panel-note" aria-live="polite">
        <progress aria-label="Visualization progress" max={progress.total || 1} value={progress.done} />{' '}
        {progress.total > 0
          ? `iteration ${progress.done} / ${progress.total} · last chunk ${Math.round(progress.chunkMs)} ms` +
            (progress.running ? '' : ` · made at step ${progress.step} in ${progress.seconds.toFixed(1)} s`)
          : ready
            ? 'starting…'
            : 'Train or step the network first.'}
      </p>
      <div ref={host} className="panel-canvas-host" data-role="feature-vis" />
      {mode === 'dream' && frames.length > 1 && !progress.running ? (
        <DreamPlayer frames={frames} h={dims.h} w={dims.w} channels={dims.channels} />
      ) : null}
    </>
  );
}

export function FeatureVisPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <FeatureVisBody />}</Panel>;
}
