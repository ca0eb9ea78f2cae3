/**
 * The user's drawn digit (28×28 uint8, already centred and scaled like MNIST), outside React state.
 * The Draw panel sets it; the controller reads it to build `{from:'drawn', pixels}` sample refs.
 */
export const DRAWN_SIZE = 28;

type Listener = (pixels: Uint8Array | null) => void;

let current: Uint8Array | null = null;
const listeners = new Set<Listener>();

export function getDrawnImage(): Uint8Array | null {
  return current;
}

export function setDrawnImage(pixels: Uint8Array | null): void {
  if (pixels && pixels.length !== DRAWN_SIZE * DRAWN_SIZE) {
    throw new Error(`drawn image must be ${DRAWN_SIZE}×${DRAWN_SIZE}, got ${pixels.length} values`);
  }
  current = pixels;
  listeners.forEach((l) => l(current));
}

export function subscribeDrawnImage(cb: Listener): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
