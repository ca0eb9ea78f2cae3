/** The "Train on labels" field: "0-4", "5–9", "1, 3, 7" or empty (all classes). */
export type LabelsParse = { ok: true; labels: number[] } | { ok: false; reason: string };

export function parseLabels(text: string, classes: number): LabelsParse {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'all') return { ok: true, labels: [] };
  const out = new Set<number>();
  for (const part of t.split(/[,\s]+/).filter(Boolean)) {
    const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(part);
    if (!m) return { ok: false, reason: `"${part}" is not a class number or a range like 0-4` };
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return { ok: false, reason: `the range ${part} runs backwards` };
    if (b >= classes) return { ok: false, reason: `classes go from 0 to ${classes - 1}` };
    for (let v = a; v <= b; v++) out.add(v);
  }
  return { ok: true, labels: [...out].sort((x, y) => x - y) };
}

/** Writes labels back compactly: [0,1,2,3,4] → "0–4", [1,3] → "1, 3", [] → "". */
export function formatLabels(labels: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < labels.length;) {
    let j = i;
    while (j + 1 < labels.length && labels[j + 1] === (labels[j] as number) + 1) j++;
    parts.push(j - i >= 2 ? `${labels[i]}–${labels[j]}` : labels.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}
