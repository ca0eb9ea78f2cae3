/** The heavy presets' training check (see presets.train.test.ts), in its own file so each file stays short. */
(globalThis as { __heavyPresets?: boolean }).__heavyPresets = true;
await import('./presets.train.test');
export {};
