import type { StateCreator } from 'zustand';
import { isUserDatasetId } from '../../engine/data/types';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import type { AppState, DatasetSlice } from './types';

const byAge = (a: UserDatasetMeta, b: UserDatasetMeta): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set, get) => ({
  userDatasets: [],
  userDatasetsError: null,
  setUserDatasets: (list, error = null) => {
    set({ userDatasets: [...list].sort(byAge), userDatasetsError: error });
    // A list read in full: the augmentation of a user dataset not in it (deleted in another tab) goes too.
    if (error !== null) return;
    const known = new Set<string>(list.map((m) => m.id));
    get().dropAugment(
      Object.keys(get().augmentByDataset).filter((id) => isUserDatasetId(id) && !known.has(id)),
    );
  },
  upsertUserDataset: (meta) =>
    set((s) => ({ userDatasets: [...s.userDatasets.filter((m) => m.id !== meta.id), meta].sort(byAge) })),
  removeUserDataset: (id) => {
    set((s) => ({ userDatasets: s.userDatasets.filter((m) => m.id !== id) }));
    if (get().dataset === id) get().setDataset('mnist');
    // After the switch, which filed the deleted dataset's augmentation (augmentSlice.ts).
    get().dropAugment([id]);
  },
});
