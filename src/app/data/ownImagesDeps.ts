/**
 * What the "Your images" region works with: the preparation worker's client, the user-dataset store (IndexedDB) and
 * the zip's download. The real ones are made on first use (no worker and no database until the user opens the
 * region); tests pass fakes through OwnImagesDepsContext.
 */
import { createContext, useContext } from 'react';
import { createPrepareClient, type PrepareClient } from '../../workers/prepareClient';
import { openUserDatasetStore } from '../../workers/userDatasets/store';
import type { UserDatasetStore } from '../../workers/userDatasets/types';
import { download } from '../persistence/exportImport';
import { encodePng, type EncodePng } from './exportZip';

export interface OwnImagesDeps {
  readonly prepareClient: () => PrepareClient;
  /** The same store each time; rejects with a sentence when this browser cannot keep datasets. */
  readonly openStore: () => Promise<UserDatasetStore>;
  readonly download: (name: string, data: BlobPart, type: string) => void;
  readonly encodePng: EncodePng;
}

function browserDeps(): OwnImagesDeps {
  let client: PrepareClient | null = null;
  let store: Promise<UserDatasetStore> | null = null;
  return {
    prepareClient: () => (client ??= createPrepareClient()),
    openStore: () => {
      // A failed open is tried again next time (the user may have freed space or left private mode).
      store ??= openUserDatasetStore().catch((e: unknown) => {
        store = null;
        throw e;
      });
      return store;
    },
    download,
    encodePng,
  };
}

export const OwnImagesDepsContext = createContext<OwnImagesDeps | null>(null);

let shared: OwnImagesDeps | null = null;

export function useOwnImagesDeps(): OwnImagesDeps {
  return useContext(OwnImagesDepsContext) ?? (shared ??= browserDeps());
}
