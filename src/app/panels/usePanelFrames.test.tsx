// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { frameBus } from '../frames/frameBus';
import { useRenderer } from './usePanelFrames';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('useRenderer', () => {
  it('with clearOnNewRun, a new run (frame bus cleared) swaps in a fresh renderer; without, it stays', () => {
    const log: string[] = [];
    let made = 0;
    const make = (tag: string) => () => {
      const id = `${tag}${++made}`;
      log.push(`make ${id}`);
      return { destroy: () => log.push(`destroy ${id}`) };
    };
    function Probe({ tag, clear }: { tag: string; clear: boolean }) {
      const [host] = useRenderer(make(tag), { clearOnNewRun: clear });
      return <div ref={host} />;
    }
    const el = document.createElement('div');
    const root = createRoot(el);
    act(() =>
      root.render(
        <>
          <Probe tag="maps" clear />
          <Probe tag="draw" clear={false} />
        </>,
      ),
    );
    expect(log).toEqual(['make maps1', 'make draw2']);
    act(() => frameBus.clear());
    expect(log).toEqual(['make maps1', 'make draw2', 'destroy maps1', 'make maps3']);
    act(() => root.unmount());
    expect(log.slice(4).sort()).toEqual(['destroy draw2', 'destroy maps3']);
  });
});
