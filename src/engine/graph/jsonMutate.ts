/** Test support for the fuzz and property tests: edit one place deep inside a JSON value without touching the rest. */

/** A copy of `doc` with the value at `path` deleted or replaced. */
export function mutate(
  doc: unknown,
  path: readonly (string | number)[],
  op: 'delete' | 'replace',
  value: unknown,
): unknown {
  if (path.length === 0) return op === 'delete' ? undefined : value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(doc)) {
    const copy = [...doc];
    if (rest.length === 0 && op === 'delete') copy.splice(head as number, 1);
    else copy[head as number] = mutate(copy[head as number], rest, op, value);
    return copy;
  }
  if (typeof doc !== 'object' || doc === null) return doc;
  const obj = { ...(doc as Record<string, unknown>) };
  if (rest.length === 0 && op === 'delete') delete obj[head];
  else
    Object.defineProperty(obj, head, {
      value: mutate(obj[head], rest, op, value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return obj;
}
