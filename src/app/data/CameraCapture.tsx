/**
 * "Capture from camera" for one class of "Your images": the camera is asked for only when the button is pressed
 * (a sentence first says why and that frames stay in this browser), a live preview, "Hold to record" at the chosen
 * frames per second, and the class's count. Frames are cropped square, encoded as JPEG and added to the shared
 * staging as "camera 1", "camera 2"… The camera stops with "Stop camera", when the class changes, when the dialog
 * around it closes and on unmount.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { FPS_CHOICES, grabFrame, type Fps } from './cameraFrames';
import { addGenerated, selectClassSize, useStagingStore } from './stagingStore';
import { useCamera } from './useCamera';
import './cameraCapture.css';

const isHoldKey = (e: KeyboardEvent): boolean => e.key === ' ' || e.key === 'Enter';

export function CameraCapture({ className }: { className: string }) {
  const root = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { state, start, stop } = useCamera(video);
  const [fps, setFps] = useState<Fps>(5);
  const [holding, setHolding] = useState(false);
  // Set in the event handler itself: a frame still being encoded when the button is let go is dropped, so the count
  // shown with "Recorded N frames" is final (the effect's clean-up runs only after the next paint).
  const holdingNow = useRef(false);
  const [recorded, setRecorded] = useState<number | null>(null);
  const count = useStagingStore(selectClassSize(className));
  const fpsId = useId();
  const name = className.trim();
  const on = state.kind === 'on';

  // Another class (or none): this camera goes off, and the last recording's count belonged to the other class.
  useEffect(() => {
    setRecorded(null);
    return () => stop();
  }, [name, stop]);
  // The camera went off while held (Stop camera, another class): holding ends with it.
  useEffect(() => {
    if (on) return;
    holdingNow.current = false;
    setHolding(false);
  }, [on]);
  // The "Your images" dialog stays mounted while closed: closing it turns the camera off too.
  useEffect(() => {
    const dialog = root.current?.closest('dialog');
    dialog?.addEventListener('close', stop);
    return () => dialog?.removeEventListener('close', stop);
  }, [stop]);

  useEffect(() => {
    if (!holding || !on || name === '') return;
    let frames = 0;
    let live = true;
    setRecorded(0);
    const grab = (): void => {
      const v = video.current;
      if (!v || !holdingNow.current) return;
      canvas.current ??= document.createElement('canvas');
      void grabFrame(v, canvas.current).then((blob) => {
        if (!blob || !live || !holdingNow.current) return;
        addGenerated(name, 'camera', blob);
        setRecorded(++frames);
      });
    };
    grab();
    const timer = setInterval(grab, 1000 / fps);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [holding, on, fps, name]);

  const hold = (down: boolean): void => {
    holdingNow.current = down && on;
    setHolding(down && on);
  };

  return (
    <div ref={root} className="camera-capture">
      {on ? null : (
        <>
          <p className="panel-note">
            Pressing Capture from camera asks the browser for your camera, to take pictures for “
            {name || 'this class'}
            ”; the frames stay in this browser and are never sent anywhere.
          </p>
          <button
            type="button"
            onClick={() => void start()}
            disabled={state.kind === 'asking' || name === ''}
          >
            Capture from camera
          </button>
        </>
      )}
      {state.kind === 'asking' ? <p role="status">Waiting for the browser to allow the camera…</p> : null}
      {state.kind === 'error' ? (
        <p role="alert" className="camera-capture__error">
          {state.message}
        </p>
      ) : null}
      <video
        ref={video}
        className="camera-capture__preview"
        aria-label={`Camera preview for “${name}”`}
        hidden={!on}
        muted
        playsInline
        autoPlay
      />
      {on ? (
        <div className="camera-capture__controls">
          <button
            type="button"
            aria-pressed={holding}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture?.(e.pointerId);
              hold(true);
            }}
            onPointerUp={() => hold(false)}
            onPointerCancel={() => hold(false)}
            onLostPointerCapture={() => hold(false)}
            onKeyDown={(e) => {
              if (!isHoldKey(e)) return;
              e.preventDefault();
              if (!e.repeat) hold(true);
            }}
            onKeyUp={(e) => {
              if (!isHoldKey(e)) return;
              e.preventDefault();
              hold(false);
            }}
            onBlur={() => hold(false)}
          >
            Hold to record
          </button>
          <label htmlFor={fpsId}>Frames per second</label>
          <select id={fpsId} value={fps} onChange={(e) => setFps(Number(e.target.value) as Fps)}>
            {FPS_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <button type="button" onClick={stop}>
            Stop camera
          </button>
        </div>
      ) : null}
      {name === '' ? null : (
        <p className="camera-capture__count">
          {count.toLocaleString('en')} {count === 1 ? 'image' : 'images'} in “{name}”
        </p>
      )}
      {recorded !== null && !holding ? (
        <p role="status">
          Recorded {recorded.toLocaleString('en')} {recorded === 1 ? 'frame' : 'frames'}.
        </p>
      ) : null}
    </div>
  );
}
