/**
 * One camera stream for a CameraCapture: asked for only by `start` (a button press), shown in the given <video>,
 * stopped by `stop`, on unmount, and when another CameraCapture starts (one camera on at a time).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { cameraMessage, cameraProblem } from './cameraFrames';

export type CameraState =
  | { readonly kind: 'off' }
  | { readonly kind: 'asking' }
  | { readonly kind: 'on' }
  | { readonly kind: 'error'; readonly message: string };

/** The stop of the camera that is on, wherever it is on the page. */
let stopActive: (() => void) | null = null;

export function useCamera(video: RefObject<HTMLVideoElement | null>) {
  const [state, setState] = useState<CameraState>({ kind: 'off' });
  const stream = useRef<MediaStream | null>(null);
  // Bumped by every start and stop, so a prompt answered after a stop (or a second start) turns its stream off.
  const attempt = useRef(0);

  const release = useCallback(() => {
    attempt.current++;
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, [video]);

  const stop = useCallback(() => {
    release();
    if (stopActive === stop) stopActive = null;
    setState({ kind: 'off' });
  }, [release]);

  const start = useCallback(async () => {
    if (stopActive && stopActive !== stop) stopActive();
    release();
    stopActive = stop;
    const mine = attempt.current;
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!media?.getUserMedia) {
      setState({ kind: 'error', message: cameraMessage('unsupported') });
      return;
    }
    setState({ kind: 'asking' });
    try {
      const s = await media.getUserMedia({ video: true });
      if (attempt.current !== mine) {
        s.getTracks().forEach((t) => t.stop());
        return;
      }
      stream.current = s;
      const v = video.current;
      if (v) {
        v.srcObject = s;
        void Promise.resolve(v.play?.()).catch(() => {});
      }
      setState({ kind: 'on' });
    } catch (e) {
      if (attempt.current !== mine) return;
      if (stopActive === stop) stopActive = null;
      setState({ kind: 'error', message: cameraMessage(cameraProblem(e), e) });
    }
  }, [release, stop, video]);

  useEffect(
    () => () => {
      release();
      if (stopActive === stop) stopActive = null;
    },
    [release, stop],
  );

  return { state, start, stop };
}
