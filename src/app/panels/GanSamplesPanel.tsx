import { useEffect, useState } from 'react';
import { createImageGrid } from '../../visualizers/imageGrid';
import { latestGanSamples, subscribeGanSamples } from './ganSamples';
import { Panel, useOnScreen, usePanelCollapsed } from './Panel';
import { useRenderer } from './usePanelFrames';

const NAME = 'GAN samples';

function GanBody() {
  const [hasData, setHasData] = useState(latestGanSamples() !== null);
  const [host, r] = useRenderer((el) => createImageGrid(el, { timeLapse: 10, timeLapseEvery: 5 }));
  const active = useOnScreen(host);
  useEffect(() => {
    if (!active) return;
    const show = (f: NonNullable<ReturnType<typeof latestGanSamples>>) => {
      setHasData(true);
      r.current?.update({ count: f.count, h: f.h, w: f.w, pixels: f.pixels, cols: Math.ceil(Math.sqrt(f.count)) });
    };
    const l = latestGanSamples();
    if (l) show(l);
    return subscribeGanSamples(show);
  }, [active, r]);
  return (
    <>
      {hasData ? null : <p className="panel-note">Train a GAN preset to see samples.</p>}
      <div ref={host} className="panel-canvas-host" />
    </>
  );
}

export function GanSamplesPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <GanBody />}</Panel>;
}
