import { useEffect, useRef, useState } from 'react';
import { createConfusion } from '../../visualizers/confusion';
import { createImageGrid } from '../../visualizers/imageGrid';
import { frameBus } from '../frames/frameBus';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { requestProbeNow } from './probeNeeds';
import { useFrames, useProbeNeed, useRenderer } from './usePanelFrames';

const NAME = 'Confusion matrix';

function CellImages({ cell }: { cell: { row: number; col: number; indices: number[] } }) {
  const [host, grid] = useRenderer((el) => createImageGrid(el, { scale: 2 }), { clearOnNewRun: true });
  useEffect(() => {
    if (cell.indices.length === 0) return;
    const want = cell.indices.join(',');
    const show = (f: NonNullable<ReturnType<typeof frameBus.latest<'samples'>>>) => {
      if (f.indices.join(',') !== want) return;
      const n = f.indices.length;
      grid.current?.update({
        count: n,
        h: f.h,
        w: f.w,
        channels: f.channels,
        pixels: f.pixels,
        cols: 8,
        captions: [...f.labels].map((l, i) => `#${f.indices[i]}: label ${l}`),
      });
    };
    const off = frameBus.subscribe('samples', show);
    const latest = frameBus.latest('samples');
    if (latest) show(latest);
    requestProbeNow({ kind: 'samples', split: 'test', indices: cell.indices }, true);
    return off;
  }, [cell, grid]);
  const title = cell.row === cell.col ? `Correct ${cell.row}` : `True ${cell.row}, predicted ${cell.col}`;
  return (
    <div role="group" aria-label="Cell images" className="panel-cell-images">
      <p>
        {title}: {cell.indices.length === 0 ? 'no images in this cell.' : `${cell.indices.length} image(s)`}
      </p>
      <div ref={host} />
    </div>
  );
}

function ConfusionBody() {
  const examples = useRef<{ classes: number; examples: Int32Array } | null>(null);
  const [cell, setCell] = useState<{ row: number; col: number; indices: number[] } | null>(null);
  const [host, r] = useRenderer(
    (el) =>
      createConfusion(el, {
        onCell: (row, col) => {
          const e = examples.current;
          const indices: number[] = [];
          if (e)
            for (let k = 0; k < 16; k++) {
              const v = e.examples[(row * e.classes + col) * 16 + k]!;
              if (v >= 0) indices.push(v);
            }
          setCell({ row, col, indices });
        },
      }),
    { clearOnNewRun: true },
  );
  const active = useOnScreen(host);
  useProbeNeed({ kind: 'confusion' }, active);
  useFrames('confusion', active, (f) => {
    examples.current = { classes: f.classes, examples: f.examples };
    r.current?.update({ classes: f.classes, matrix: f.matrix });
  });
  return (
    <>
      <div ref={host} className="panel-canvas-host" />
      {cell ? <CellImages cell={cell} /> : null}
    </>
  );
}

export function ConfusionPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <ConfusionBody />}</Panel>;
}
