/**
 * One output cell of a max or average pooling layer: its window on one channel, which input won (max) or the mean
 * of the cells inside the input (average: TF.js leaves the 'same' padding out of the count).
 */
import type { Pair, PoolPadding } from '../layers/primitives';
import { axisWindow, inside, tapCoords, type AxisWindow, type FloatMap } from './window';

export interface PoolGeometry {
  readonly kind: 'max' | 'avg';
  readonly pool: Pair;
  readonly stride: Pair;
  readonly padding: PoolPadding;
}

export interface PoolCell {
  readonly channel: number;
  readonly oy: number;
  readonly ox: number;
  readonly ph: number;
  readonly pw: number;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  /** ph·pw flags: 1 where the window hangs over the padding (not part of the max or the mean). */
  readonly padded: Uint8Array;
  /** ph·pw values of the window (0 on padded cells). */
  readonly window: Float32Array;
  /** Max pooling: the window index (ky·pw + kx) of the winning input, the first of equal ones; −1 for average. */
  readonly winner: number;
  /** How many real (unpadded) inputs the window covers. */
  readonly count: number;
  readonly out: number;
}

export function poolAxes(input: FloatMap, g: PoolGeometry): readonly [AxisWindow, AxisWindow] {
  return [
    axisWindow(input.h, g.pool[0], g.stride[0], 1, g.padding),
    axisWindow(input.w, g.pool[1], g.stride[1], 1, g.padding),
  ];
}

/** The cell (channel, oy, ox), or null when it is outside the output. */
export function poolCell(
  input: FloatMap,
  g: PoolGeometry,
  channel: number,
  oy: number,
  ox: number,
): PoolCell | null {
  const [ay, ax] = poolAxes(input, g);
  if (!inside(oy, ay.outSize) || !inside(ox, ax.outSize) || !inside(channel, input.c)) return null;
  const [ph, pw] = g.pool;
  const rows = tapCoords(oy, ay, ph, g.stride[0], 1);
  const cols = tapCoords(ox, ax, pw, g.stride[1], 1);
  const window = new Float32Array(ph * pw);
  const padded = new Uint8Array(ph * pw);
  let winner = -1;
  let best = -Infinity;
  let total = 0;
  let count = 0;
  for (let ky = 0; ky < ph; ky++) {
    for (let kx = 0; kx < pw; kx++) {
      const t = ky * pw + kx;
      const iy = rows[ky] as number;
      const ix = cols[kx] as number;
      if (!inside(iy, input.h) || !inside(ix, input.w)) {
        padded[t] = 1;
        continue;
      }
      const v = input.values[(iy * input.w + ix) * input.c + channel] as number;
      window[t] = v;
      count++;
      total += v;
      if (v > best) {
        best = v;
        winner = t;
      }
    }
  }
  const max = g.kind === 'max';
  return {
    channel,
    oy,
    ox,
    ph,
    pw,
    rows,
    cols,
    padded,
    window,
    winner: max ? winner : -1,
    count,
    out: max ? best : count > 0 ? total / count : 0,
  };
}
