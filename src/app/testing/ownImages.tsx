/**
 * Test helpers for the "Your images" region: a fake preparation client whose jobs the test answers, an in-memory
 * store, and the region mounted with them (and a fake controller). For jsdom tests only.
 */
import { act } from 'react';
import { vi } from 'vitest';
import type { PrepareOptions } from '../../engine/data/userDataset';
import type { PrepareClient, PrepareOutcome } from '../../workers/prepareClient';
import { memoryUserDatasetStore } from '../../workers/userDatasets/testing';
import type { PrepareItem, UserDatasetStore } from '../../workers/userDatasets/types';
import { ControllerContext } from '../controllers/ControllerContext';
import type { TrainingController } from '../controllers/trainingController';
import { OwnImagesDepsContext, type OwnImagesDeps } from '../data/ownImagesDeps';
import { YourImages as YourImagesButton } from '../data/YourImages';
import { YourImagesDialog } from '../data/YourImagesDialog';
import { mount, type Mounted } from './mount';

/** An outcome without its job number (the fake fills it in). */
export type Answer = PrepareOutcome extends infer T
  ? T extends PrepareOutcome
    ? Omit<T, 'job'>
    : never
  : never;

export interface FakeJob {
  readonly name: string;
  readonly items: readonly PrepareItem[];
  readonly options: PrepareOptions;
  progress(done: number, total: number): void;
  answer(o: Answer): Promise<void>;
  cancelled: boolean;
}

export function fakePrepareClient(): { client: PrepareClient; jobs: FakeJob[] } {
  const jobs: FakeJob[] = [];
  const client: PrepareClient = {
    prepare(name, items, options, onProgress) {
      let resolve: (o: PrepareOutcome) => void = () => undefined;
      const done = new Promise<PrepareOutcome>((r) => (resolve = r));
      const job: FakeJob = {
        name,
        items,
        options,
        cancelled: false,
        progress: (d, t) => act(() => onProgress?.(d, t)),
        answer: (o) =>
          act(async () => {
            resolve({ job: 1, ...o } as PrepareOutcome);
            await done;
          }),
      };
      jobs.push(job);
      return {
        done,
        cancel: () => {
          job.cancelled = true;
          resolve({ type: 'cancelled', job: 1 });
        },
      };
    },
    terminate: () => undefined,
  };
  return { client, jobs };
}

export interface OwnImagesRig {
  readonly m: Mounted;
  readonly jobs: FakeJob[];
  readonly store: ReturnType<typeof memoryUserDatasetStore>;
  readonly deps: OwnImagesDeps;
  readonly controller: TrainingController;
  readonly download: ReturnType<typeof vi.fn>;
}

export function mountYourImages(
  opts: {
    estimate?: { usage: number; quota: number } | null;
    openStore?: () => Promise<UserDatasetStore>;
    /** Mount the page's button, which loads the dialog's chunk on its first press (else the dialog itself). */
    lazy?: boolean;
  } = {},
): OwnImagesRig {
  const { client, jobs } = fakePrepareClient();
  const store = memoryUserDatasetStore();
  store.estimate = () => Promise.resolve(opts.estimate ?? null);
  const download = vi.fn();
  const deps: OwnImagesDeps = {
    prepareClient: () => client,
    openStore: opts.openStore ?? (() => Promise.resolve(store)),
    download,
    encodePng: (rgba, w, h) => Promise.resolve(Uint8Array.from([w, h, rgba[0] ?? 0])),
  };
  const controller = { prepare: vi.fn() } as unknown as TrainingController;
  const m = mount();
  act(() =>
    m.root.render(
      <ControllerContext.Provider value={controller}>
        <OwnImagesDepsContext.Provider value={deps}>
          {opts.lazy ? <YourImagesButton /> : <YourImagesDialog />}
        </OwnImagesDepsContext.Provider>
      </ControllerContext.Provider>,
    ),
  );
  return { m, jobs, store, deps, controller, download };
}

/** Lets the promises the region started settle (store calls, estimates). */
export const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });

/** The button whose accessible name (aria-label, else text) is `name`. */
export function button(host: HTMLElement, name: string): HTMLButtonElement {
  const b = [...host.querySelectorAll('button')].find(
    (x) => (x.getAttribute('aria-label') ?? x.textContent?.trim()) === name,
  );
  if (!b) throw new Error(`No button named ${name}`);
  return b;
}

export function click(el: HTMLElement): void {
  act(() => el.click());
}

/** A file whose webkitRelativePath is `path` (a folder pick). */
export function fileAt(path: string, bytes = 4, type = ''): File {
  const f = new File([new Uint8Array(bytes)], path.slice(path.lastIndexOf('/') + 1), { type });
  Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
}

/** Chooses `files` in a file input, as the browser does after the picker closes. */
export function chooseFiles(input: HTMLInputElement, files: readonly File[]): void {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
