/**
 * The staging (staging.ts) shared by every source of "Your images": the region's file inputs and drops, the camera
 * (CameraCapture) and the draw pad's "Add to class" all add to this one store, and the region reads it.
 *
 * It is its own small zustand store, not a slice of the app store: it holds Blobs, is never autosaved or shared, and
 * lives only until "Make dataset" hands it to the preparation worker.
 */
import { create } from 'zustand';
import { addToClass, emptyStaging, findClass, type AddResult, type Source, type Staging } from './staging';
import { describeAdd } from './stagingMessages';

export interface StagingState {
  readonly staging: Staging;
  /** What the last add did, in words (describeAdd). */
  readonly message: string;
  setStaging(staging: Staging): void;
  /** addToClass on the current staging; keeps the result and says what it did. */
  add(className: string, sources: readonly Source[]): AddResult;
  reset(): void;
}

export const useStagingStore = create<StagingState>()((set, get) => ({
  staging: emptyStaging,
  message: '',
  setStaging: (staging) => set({ staging }),
  add: (className, sources) => {
    const r = addToClass(get().staging, className, sources);
    set({ staging: r.staging, message: describeAdd(r) });
    return r;
  },
  reset: () => set({ staging: emptyStaging, message: '' }),
}));

/** How many items the class has (0 when it does not exist). */
export const selectClassSize =
  (className: string) =>
  (s: StagingState): number =>
    findClass(s.staging, className)?.items.length ?? 0;

/**
 * The next free name like "camera 7" in a class: one more than the highest number already used with that prefix, so
 * a removed frame's name is never reused for a different picture.
 */
export function nextItemName(staging: Staging, className: string, prefix: string): string {
  let max = 0;
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)$`);
  for (const it of findClass(staging, className)?.items ?? []) {
    const m = re.exec(it.name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix} ${max + 1}`;
}

/** Adds one generated image (a camera frame, a drawing) to a class under the next "prefix N" name. */
export function addGenerated(className: string, prefix: string, file: Blob): AddResult {
  const { staging, add } = useStagingStore.getState();
  return add(className, [{ file, name: nextItemName(staging, className, prefix) }]);
}
