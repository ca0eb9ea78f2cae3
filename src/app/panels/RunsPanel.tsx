/**
 * "Runs": every run recorded (the run recorder in controllers/ keeps them, in IndexedDB), as a real table — what
 * differed from the run before, parameters, FLOPs, best validation accuracy, speed, time. Sort by a column, tick runs
 * to overlay their curves in Loss, rename one, put its network and settings back ("Restore"), delete it, or export
 * them all.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunRecord } from '../../engine/runs/record';
import { runsToCsv, runsToJson } from '../../engine/runs/exportRuns';
import { sortRuns, type RunSortKey } from '../../engine/runs/sortRuns';
import { parseGraphValue } from '../persistence/graphData';
import { restoreGanHyper } from '../persistence/ganSettings';
import { download } from '../persistence/exportImport';
import { DEFAULT_RUN_CAP } from '../persistence/runStore';
import { useAppStore } from '../store';
import type { AppState } from '../store/types';
import { Panel } from './Panel';
import { SweepForm } from './SweepForm';
import { ComparisonOffer } from './ComparisonOffer';
import { ShareComparison } from './ShareComparison';

const COLUMNS: readonly { key: RunSortKey | null; title: string }[] = [
  { key: 'name', title: 'Name' },
  { key: null, title: 'What changed' },
  { key: 'params', title: 'Params' },
  { key: 'flopsPerExample', title: 'FLOPs' },
  { key: 'bestValAccuracy', title: 'Best val acc' },
  { key: 'examplesPerSec', title: 'Examples/s' },
  { key: 'wallTimeMs', title: 'Time' },
];

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
/** 1,234 → '1.2 k', 3,400,000 → '3.4 M'. */
function short(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)} k`;
  return int(n);
}
const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(2)}%`);
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * Puts a run's network and settings back into the editor, as one undoable step; a GAN run's two networks and GAN
 * settings too (the GAN settings are not part of the undo step).
 */
export function restoreRun(s: AppState, r: RunRecord): string | null {
  const graph = parseGraphValue(r.graph, `run "${r.name}"`);
  if (!graph.ok) return graph.reason;
  let gan: AppState['ganGraphs'] = null;
  if (r.gan) {
    const generator = parseGraphValue(r.gan.generator, `the generator of run "${r.name}"`);
    if (!generator.ok) return generator.reason;
    const discriminator = parseGraphValue(r.gan.discriminator, `the discriminator of run "${r.name}"`);
    if (!discriminator.ok) return discriminator.reason;
    gan = { generator: generator.value, discriminator: discriminator.value };
  }
  s.replaceWork(() => {
    const now = useAppStore.getState();
    if (gan) now.setGanGraphs(gan);
    else if (now.ganGraphs) now.setGanGraphs(null, graph.value);
    else now.setGraph(graph.value);
    if (gan && r.ganHyper) now.setGanHyper(restoreGanHyper({ ...r.ganHyper }, now.ganHyper).value);
    now.setDataset(r.dataset);
    now.setHyper(r.hyper);
    now.setSeed(r.seed);
  });
  return null;
}

function NameCell({ r }: { r: RunRecord }) {
  const rename = useAppStore((s) => s.renameRecord);
  const [text, setText] = useState<string | null>(null);
  const commit = (): void => {
    const t = (text ?? r.name).trim();
    if (t !== '' && t !== r.name) rename(r.id, t);
    setText(null);
  };
  return (
    <input
      className="runs__name"
      type="text"
      aria-label={`Name of ${r.name}`}
      value={text ?? r.name}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(null);
      }}
    />
  );
}

function Row({ r, selected }: { r: RunRecord; selected: boolean }) {
  const { setSelected, remove, pin } = useAppStore(
    useShallow((s) => ({ setSelected: s.setRunSelected, remove: s.removeRecord, pin: s.setRecordPinned })),
  );
  const [error, setError] = useState<string | null>(null);
  // A sweep puts each variant into the editor and the user's own work back at its end: a restore now would be lost.
  const sweeping = useAppStore((s) => s.sweep !== null && !s.sweep.done);
  return (
    <tr className={selected ? 'runs__row--selected' : undefined}>
      <td>
        <input
          type="checkbox"
          aria-label={`Show ${r.name} in Loss`}
          checked={selected}
          onChange={(e) => setSelected(r.id, e.target.checked)}
        />
      </td>
      <td>
        <NameCell r={r} />
      </td>
      <td className="runs__changes">{r.changes.join('; ')}</td>
      <td className="runs__num">{int(r.params)}</td>
      <td className="runs__num">{short(r.flopsPerExample)}</td>
      <td className="runs__num">{pct(r.bestValAccuracy)}</td>
      <td className="runs__num">{r.examplesPerSec === null ? '—' : int(r.examplesPerSec)}</td>
      <td className="runs__num" title={r.backend ? `on ${r.backend}` : undefined}>
        {duration(r.wallTimeMs)}
        {r.pretrainMs ? ` (${duration(r.pretrainMs)} pretraining)` : ''}
        {r.backend ? ` · ${r.backend}` : ''}
      </td>
      <td className="runs__actions">
        <button
          type="button"
          disabled={sweeping}
          title={
            sweeping
              ? 'Wait for the sweep to end (or cancel it) to restore a run'
              : `Put the network and settings of ${r.name} back into the editor`
          }
          onClick={() => setError(restoreRun(useAppStore.getState(), r))}
        >
          Restore
        </button>
        <button
          type="button"
          aria-label={`Pin ${r.name}`}
          aria-pressed={r.pinned}
          title="A pinned run is never removed to make room for new ones"
          onClick={() => pin(r.id, !r.pinned)}
        >
          {r.pinned ? 'Pinned' : 'Pin'}
        </button>
        <button type="button" aria-label={`Delete ${r.name}`} onClick={() => remove(r.id)}>
          Delete
        </button>
        {error && (
          <span role="alert" className="runs__error">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

export function RunsPanel() {
  const { records, selected, storage } = useAppStore(
    useShallow((s) => ({ records: s.records, selected: s.selectedRunIds, storage: s.labStorage })),
  );
  const [sort, setSort] = useState<{ key: RunSortKey; dir: 'asc' | 'desc' }>({
    key: 'createdAt',
    dir: 'asc',
  });
  const rows = sortRuns(records, sort.key, sort.dir);
  const sortBy = (key: RunSortKey): void =>
    setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return (
    <Panel name="Runs" fill>
      <div className="runs__bar">
        <span className="panel-note" role="status">
          {records.length === 1 ? '1 run' : `${records.length} runs`}
          {storage.persistent ? ' kept in this browser' : ` kept only until reload: ${storage.message ?? ''}`}
        </span>
        <span
          className="panel-note"
          title="When there are more, the oldest run that is not pinned is removed to make room"
        >
          (at most {DEFAULT_RUN_CAP}; pinned runs stay)
        </span>
        <button
          type="button"
          disabled={records.length === 0}
          onClick={() => download(`runs-${stamp}.csv`, runsToCsv(rows), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={records.length === 0}
          onClick={() => download(`runs-${stamp}.json`, runsToJson(rows), 'application/json')}
        >
          Export runs (JSON)
        </button>
        <ShareComparison />
      </div>
      <ComparisonOffer />
      {records.length === 0 ? (
        <p className="panel-note">Each press of Train is recorded here when the run pauses or ends.</p>
      ) : (
        <div className="runs__scroll">
          <table className="runs__table" aria-label="Runs">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Show in Loss</span>
                </th>
                {COLUMNS.map((c) => (
                  <th
                    key={c.title}
                    scope="col"
                    aria-sort={
                      c.key !== null && sort.key === c.key
                        ? sort.dir === 'asc'
                          ? 'ascending'
                          : 'descending'
                        : undefined
                    }
                  >
                    {c.key === null ? (
                      c.title
                    ) : (
                      <button type="button" className="runs__sort" onClick={() => sortBy(c.key!)}>
                        {c.title}
                      </button>
                    )}
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Row key={r.id} r={r} selected={selected.includes(r.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* Below the table: in the docked panel the table is what shows first. */}
      <SweepForm />
    </Panel>
  );
}
