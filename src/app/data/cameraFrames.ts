/**
 * The camera's pieces that are not React: the square crop of a video frame, grabbing one frame as an image Blob, and
 * what each getUserMedia failure means in plain words.
 */
import { assertNever } from '../../engine/assertNever';

/** Side of the square frames kept (the preparation worker resizes them to 28, 32 or 64 later). */
export const FRAME_SIZE = 128;
export const FRAME_TYPE = 'image/jpeg';
export const FPS_CHOICES = [2, 5, 10] as const;
export type Fps = (typeof FPS_CHOICES)[number];

/** The largest centred square of a w×h frame. */
export function squareCrop(w: number, h: number): { sx: number; sy: number; side: number } {
  const side = Math.min(w, h);
  return { sx: Math.floor((w - side) / 2), sy: Math.floor((h - side) / 2), side };
}

/** One frame of the playing video, cropped square and encoded; null while the video has no picture yet. */
export function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<Blob | null> {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (w === 0 || h === 0) return Promise.resolve(null);
  canvas.width = FRAME_SIZE;
  canvas.height = FRAME_SIZE;
  const g = canvas.getContext('2d');
  if (!g) return Promise.resolve(null);
  const { sx, sy, side } = squareCrop(w, h);
  g.drawImage(video, sx, sy, side, side, 0, 0, FRAME_SIZE, FRAME_SIZE);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), FRAME_TYPE, 0.92));
}

export type CameraProblem = 'unsupported' | 'refused' | 'none' | 'busy' | 'other';

export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'none';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'other';
}

export function cameraMessage(problem: CameraProblem, error?: unknown): string {
  switch (problem) {
    case 'unsupported':
      return 'This page cannot use a camera here: browsers only offer one to pages on https or on this computer (localhost). Use image files instead.';
    case 'refused':
      return 'The camera was not allowed. To use it, allow the camera for this page in the browser (the icon in the address bar), then press Capture from camera again.';
    case 'none':
      return 'No camera was found. Connect one and press Capture from camera again, or use image files instead.';
    case 'busy':
      return 'The camera is in use by another program or tab, or could not start. Close the other one and press Capture from camera again.';
    case 'other':
      return `The camera could not start${error instanceof Error && error.message ? `: ${error.message}` : ''}.`;
    default:
      return assertNever(problem);
  }
}
