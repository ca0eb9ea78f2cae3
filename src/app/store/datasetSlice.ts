import type { StateCreator } from 'zustand';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import type { AppState, DatasetSlice } from './types';

const byAge = (a: UserDatasetMeta, b: UserDatasetMeta): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set, get) => ({
  userDatasets: [],
  userDatasetsError: null,
  setUserDatasets: (list, error = null) =>
    set({ userDatasets: [...list].sort(byAge), userDatasetsError: error }),
  upsertUserDataset: (meta) =>
    set((s) => ({ userDatasets: [...s.userDatasets.filter((m) => m.id !== meta.id), meta].sort(byAge) })),
  removeUserDataset: (id) => {
    set((s) => ({ userDatasets: s.userDatasets.filter((m) => m.id !== id) }));
    if (get().dataset === id) get().setDataset('mnist');
  },
});
