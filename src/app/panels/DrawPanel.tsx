import { createDrawPad } from '../../visualizers/drawPad';
import { useAppStore } from '../store';
import { AddDrawingToClass } from './AddDrawingToClass';
import { setDrawnImage } from './drawnImage';
import { Panel, usePanelCollapsed } from './Panel';
import { useRenderer } from './usePanelFrames';

const NAME = 'Draw';

function DrawBody() {
  const [host, pad] = useRenderer((el) => {
    const p = createDrawPad(el, {
      onChange: (pixels) => {
        setDrawnImage(pixels);
        useAppStore.getState().setSample({ from: 'drawn' });
      },
    });
    el.querySelector('canvas')?.setAttribute('aria-label', 'Drawing pad');
    return p;
  });
  const clear = (): void => {
    pad.current?.clear();
    setDrawnImage(null);
    useAppStore.getState().setSample({ from: 'test', index: 0 });
  };
  return (
    <>
      <p className="panel-note">
        Draw a digit; it is centred and scaled to 28×28 like MNIST (and resized, in every colour channel, to a
        dataset of another size).
      </p>
      <div ref={host} className="panel-canvas-host" />
      <button type="button" onClick={clear}>
        Clear
      </button>
      <AddDrawingToClass onAdded={clear} />
    </>
  );
}

export function DrawPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <DrawBody />}</Panel>;
}
