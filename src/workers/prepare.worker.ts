/// <reference lib="webworker" />
/**
 * The preparation worker (issue 14): the user's image files → a dataset in IndexedDB. A thin switch over
 * prepareHandler.ts with the browser's parts: createImageBitmap + OffscreenCanvas to decode, the IndexedDB store, a
 * crypto-random id. No TF.js here.
 */
import { newUserDatasetId } from '../engine/data/prepareSet';
import { createBitmapDecoder } from './decodeImage';
import { createPrepareHandler } from './prepareHandler';
import { openUserDatasetStore } from './userDatasets/store';
import type { ToPrepare, UserDatasetStore } from './userDatasets/types';
import { createYield } from './yieldToEventLoop';

declare const self: DedicatedWorkerGlobalScope;

let store: Promise<UserDatasetStore> | null = null;
const openStore = (): Promise<UserDatasetStore> => {
  store ??= openUserDatasetStore();
  store.catch(() => (store = null)); // not available now: try again next time
  return store;
};

const random = (): number => (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 4294967296;

const handle = createPrepareHandler({
  decode: createBitmapDecoder(),
  openStore,
  newId: () => newUserDatasetId(random),
  now: () => performance.now(),
  yieldToEventLoop: createYield(),
  concurrency: 4,
});

self.onmessage = (e: MessageEvent<ToPrepare>) => {
  void handle(e.data, (msg) => self.postMessage(msg));
};
