/**
 * Folding the steps of a laid-out network into rows: where to cut, and where each row goes (even rows left to
 * right, odd rows right to left, each turn straight down where possible).
 */
import type { NodeId } from './types';
import type { Position, Size, TargetView } from './layoutSizes';
import { SPACING } from './layoutSizes';

/** One occupant of a step: a node, or a placeholder lane that keeps a long connection clear of other nodes. */
export interface Item {
  readonly id: NodeId | null;
  readonly size: Size;
  /** The items in the previous step this one connects to (for ordering). */
  readonly from: readonly Item[];
}

export interface StepBox {
  readonly items: readonly Item[];
  readonly width: number;
  readonly height: number;
}

export function stepBoxes(cols: readonly Item[][]): StepBox[] {
  return cols.map((items) => ({
    items,
    width: Math.max(0, ...items.map((i) => i.size.width)),
    height: items.reduce((h, i) => h + i.size.height, 0) + SPACING.across * Math.max(0, items.length - 1),
  }));
}

/** Splits the steps into `rows` consecutive runs with the shortest longest run (linear partition, exact). */
export function partition(widths: readonly number[], rows: number): number[][] {
  const n = widths.length;
  const len = (a: number, b: number): number => {
    let s = 0;
    for (let i = a; i < b; i++) s += widths[i] ?? 0;
    return s + SPACING.along * Math.max(0, b - a - 1);
  };
  // best[r][i]: the smallest longest run when the first i steps make r rows; cut[r][i]: where the last row starts.
  const best: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const cut: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(n + 1).fill(0));
  (best[0] as number[])[0] = 0;
  for (let r = 1; r <= rows; r++) {
    for (let i = 1; i <= n; i++) {
      for (let j = r - 1; j < i; j++) {
        const v = Math.max(best[r - 1]?.[j] ?? Infinity, len(j, i));
        if (v < (best[r]?.[i] ?? Infinity)) {
          (best[r] as number[])[i] = v;
          (cut[r] as number[])[i] = j;
        }
      }
    }
  }
  const out: number[][] = [];
  let end = n;
  for (let r = rows; r >= 1; r--) {
    const start = cut[r]?.[end] ?? 0;
    out.unshift(Array.from({ length: end - start }, (_, k) => start + k));
    end = start;
  }
  return out;
}

export interface Placed {
  readonly positions: Map<NodeId, Position>;
  readonly width: number;
  readonly height: number;
}

/** Length of a run of steps laid side by side. */
function runLength(boxes: readonly StepBox[], row: readonly number[]): number {
  return row.reduce((a, s) => a + (boxes[s]?.width ?? 0), 0) + SPACING.along * Math.max(0, row.length - 1);
}

/**
 * Places the rows: even rows run left to right, odd rows right to left. Each row starts straight under the last
 * step of the row before, so the turn goes straight down; with `clamp`, rows are shifted as far as they must to
 * stay within the widest row (the turn may then slant).
 */
function place(boxes: readonly StepBox[], rows: readonly number[][], clamp: boolean): Placed {
  const lengths = rows.map((row) => runLength(boxes, row));
  const widest = Math.max(0, ...lengths);
  const centres: { x: number; box: StepBox; row: number }[] = [];
  let turn = 0;
  rows.forEach((row, r) => {
    const ltr = r % 2 === 0;
    const len = lengths[r] ?? 0;
    const first = boxes[row[0] as number]?.width ?? 0;
    // The row's near edge when its first step is centred under the turn, kept inside [0, widest].
    const near = ltr ? turn - first / 2 : turn + first / 2;
    const clamped = ltr ? Math.min(Math.max(near, 0), widest - len) : Math.max(Math.min(near, widest), len);
    const start = clamp ? clamped : near;
    let edge = start;
    row.forEach((s) => {
      const box = boxes[s] as StepBox;
      const x = ltr ? edge + box.width / 2 : edge - box.width / 2;
      centres.push({ x, box, row: r });
      edge = ltr ? edge + box.width + SPACING.along : edge - box.width - SPACING.along;
    });
    turn = centres[centres.length - 1]?.x ?? 0;
  });
  const rowHeights = rows.map((row) => Math.max(0, ...row.map((s) => boxes[s]?.height ?? 0)));
  const rowTops: number[] = [];
  let y = SPACING.band;
  for (const h of rowHeights) {
    rowTops.push(y);
    y += h + SPACING.band;
  }
  const positions = new Map<NodeId, Position>();
  let minX = Infinity;
  let maxX = -Infinity;
  for (const c of centres) {
    minX = Math.min(minX, c.x - c.box.width / 2);
    maxX = Math.max(maxX, c.x + c.box.width / 2);
    const mid = (rowTops[c.row] ?? 0) + (rowHeights[c.row] ?? 0) / 2;
    let top = mid - c.box.height / 2;
    for (const it of c.box.items) {
      if (it.id) positions.set(it.id, { x: c.x - it.size.width / 2, y: top });
      top += it.size.height + SPACING.across;
    }
  }
  return { positions, width: maxX - minX, height: y - SPACING.band };
}

/** The zoom at which a laid-out graph (its height counts the label band above each row) fills `view`. */
export function fitZoom(p: Placed, view: TargetView): number {
  return Math.min(view.width / Math.max(1, p.width), view.height / Math.max(1, p.height), view.maxZoom);
}

/** Beyond this many ways to cut the steps into rows, the rows come from `partition` (and may slant at turns). */
const MAX_CUTS = 5000;

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/** Every way to cut steps 0..n-1 into `rows` non-empty consecutive runs. */
function* cuts(n: number, rows: number, from = 0): Generator<number[][]> {
  if (rows === 1) {
    yield [Array.from({ length: n - from }, (_, k) => from + k)];
    return;
  }
  for (let end = from + 1; end <= n - rows + 1; end++) {
    const head = Array.from({ length: end - from }, (_, k) => from + k);
    for (const rest of cuts(n, rows - 1, end)) yield [head, ...rest];
  }
}

/**
 * The placement in `rows` rows that shows largest in `view`. Straight turns (each row starting right under the end
 * of the one before) are tried over every way to cut the rows, when there are few enough; rows kept within the
 * widest one (turns may slant) win when that shows the graph larger by more than 1%.
 */
export function bestPlacement(boxes: readonly StepBox[], rows: number, view: TargetView): Placed {
  const kept = place(
    boxes,
    partition(
      boxes.map((b) => b.width),
      rows,
    ),
    true,
  );
  if (choose(boxes.length - 1, rows - 1) > MAX_CUTS) return kept;
  let best: Placed = kept;
  let bestZoom = -1;
  for (const c of cuts(boxes.length, rows)) {
    const p = place(boxes, c, false);
    const z = fitZoom(p, view);
    if (z > bestZoom + 1e-9) {
      best = p;
      bestZoom = z;
    }
  }
  return fitZoom(kept, view) > bestZoom * 1.01 ? kept : best;
}
