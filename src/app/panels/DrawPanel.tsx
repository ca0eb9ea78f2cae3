import { createDrawPad } from '../../visualizers/drawPad';
import { useAppStore } from '../store';
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
  return (
    <>
      <p className="panel-note">Draw a digit; it is centred and scaled to 28×28 like MNIST.</p>
      <div ref={host} className="panel-canvas-host" />
      <button
        type="button"
        onClick={() => {
          pad.current?.clear();
          setDrawnImage(null);
          useAppStore.getState().setSample({ from: 'test', index: 0 });
        }}
      >
        Clear
      </button>
    </>
  );
}

export function DrawPanel() {
  const collapsed = usePanelCollapsed(NAME);
  return <Panel name={NAME}>{collapsed ? null : <DrawBody />}</Panel>;
}
