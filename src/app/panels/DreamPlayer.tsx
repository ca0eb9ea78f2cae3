/**
 * Replay of a dream's steps: the frames the chunks returned, played back and forth, or scrubbed with a slider.
 * Drawing is the interpolation player's (visualizers/interpolationPlayer.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { createInterpolationPlayer, type InterpolationPlayer } from '../../visualizers/interpolationPlayer';

export function DreamPlayer({
  frames,
  h,
  w,
  channels,
}: {
  frames: readonly Uint8Array[];
  h: number;
  w: number;
  channels: number;
}) {
  const host = useRef<HTMLDivElement | null>(null);
  const player = useRef<InterpolationPlayer | null>(null);
  const [playing, setPlaying] = useState(false);
  const playingRef = useRef(false);
  playingRef.current = playing;
  const [index, setIndex] = useState(frames.length - 1);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const p = createInterpolationPlayer(el, {
      msPerFrame: 150,
      scale: 4,
      onFrame: (i) => playingRef.current && setIndex(i),
    });
    el.querySelector('canvas')?.setAttribute('aria-label', 'Dream replay');
    player.current = p;
    return () => {
      p.destroy();
      player.current = null;
    };
  }, []);
  const size = h * w * channels;
  const all = (): Uint8Array => {
    const out = new Uint8Array(frames.length * size);
    frames.forEach((f, i) => out.set(f.subarray(0, size), i * size));
    return out;
  };
  const show = (i: number): void => {
    const f = frames[i];
    if (f) player.current?.update({ steps: 1, h, w, channels, pixels: f.subarray(0, size) });
  };
  useEffect(() => {
    setIndex(frames.length - 1);
    show(frames.length - 1);
    // show reads the same frames
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frames]);
  const toggle = (): void => {
    const p = player.current;
    if (!p) return;
    if (playing) {
      p.pause();
      setPlaying(false);
    } else {
      playingRef.current = true;
      p.update({ steps: frames.length, h, w, channels, pixels: all() });
      p.play();
      setPlaying(true);
    }
  };
  return (
    <div className="panel-controls">
      <div ref={host} className="panel-canvas-host" />
      <button type="button" onClick={toggle}>
        {playing ? 'Stop playing' : 'Play dream'}
      </button>
      <label>
        Dream frame{' '}
        <input
          type="range"
          aria-label="Dream frame"
          min={0}
          max={frames.length - 1}
          value={index}
          onChange={(e) => {
            player.current?.pause();
            setPlaying(false);
            const i = Number(e.target.value);
            setIndex(i);
            show(i);
          }}
        />
      </label>
      <span>
        Replay: frame {index + 1} / {frames.length}
        {index === 0 ? ' (start)' : index === frames.length - 1 ? ' (dream)' : ''}
      </span>
    </div>
  );
}
