/** A stand-in for localStorage in tests; `failWrites` makes setItem throw as a full browser storage does. */
export function memoryStorage(): Storage & { failWrites: boolean } {
  const data = new Map<string, string>();
  return {
    failWrites: false,
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem(k, v) {
      if (this.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, String(v));
    },
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
  };
}
