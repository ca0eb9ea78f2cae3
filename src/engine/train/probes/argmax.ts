/** Arg-max positions of max pooling, computed on the CPU from the input map (padding as TF.js computes it). */
import type { Pair, PoolPadding } from '../../graph/types';

/**
 * For each channel m and output cell (oy, ox): the flat index y·w + x into input map m of the winning cell.
 * Layout [channel][oh][ow]. 'same' padding puts the smaller half of the padding on the top/left, as TF does.
 */
export function maxPoolArgmax(
  values: Float32Array,
  inp: { h: number; w: number; c: number },
  out: { h: number; w: number },
  pool: Pair,
  stride: Pair,
  padding: PoolPadding,
): Int32Array {
  const padTop =
    padding === 'same' ? Math.floor(Math.max((out.h - 1) * stride[0] + pool[0] - inp.h, 0) / 2) : 0;
  const padLeft =
    padding === 'same' ? Math.floor(Math.max((out.w - 1) * stride[1] + pool[1] - inp.w, 0) / 2) : 0;
  const result = new Int32Array(inp.c * out.h * out.w).fill(-1);
  for (let m = 0; m < inp.c; m++) {
    for (let oy = 0; oy < out.h; oy++) {
      for (let ox = 0; ox < out.w; ox++) {
        let best = -Infinity;
        let at = -1;
        for (let dy = 0; dy < pool[0]; dy++) {
          const y = oy * stride[0] - padTop + dy;
          if (y < 0 || y >= inp.h) continue;
          for (let dx = 0; dx < pool[1]; dx++) {
            const x = ox * stride[1] - padLeft + dx;
            if (x < 0 || x >= inp.w) continue;
            const v = values[(y * inp.w + x) * inp.c + m] as number;
            if (v > best || at < 0) {
              best = v;
              at = y * inp.w + x;
            }
          }
        }
        result[(m * out.h + oy) * out.w + ox] = at;
      }
    }
  }
  return result;
}
