/** Exhaustiveness: a `switch` over a union ends in `default: return assertNever(x)`, so a new member fails to compile. */
export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
