import type { StateCreator } from 'zustand';
import type { AppState, LabSlice } from './types';

export const createLabSlice: StateCreator<AppState, [], [], LabSlice> = (set) => ({
  records: [],
  selectedRunIds: [],
  liveRecordId: null,
  labStorage: { persistent: true, message: null },
  setRecords: (records) =>
    set((s) => ({
      records: [...records].sort((a, b) => a.createdAt - b.createdAt),
      selectedRunIds: s.selectedRunIds.filter((id) => records.some((r) => r.id === id)),
    })),
  upsertRecord: (record) =>
    set((s) => {
      const i = s.records.findIndex((r) => r.id === record.id);
      if (i < 0) return { records: [...s.records, record] };
      const records = s.records.slice();
      // A record updated while its run goes on keeps the name and pin the user gave it.
      const old = records[i]!;
      // A picture taken at an earlier pause stays until the run's next one.
      records[i] = {
        ...record,
        name: old.name,
        pinned: old.pinned,
        ...(record.snapshot === undefined && old.snapshot !== undefined ? { snapshot: old.snapshot } : {}),
      };
      return { records };
    }),
  renameRecord: (id, name) =>
    set((s) => ({ records: s.records.map((r) => (r.id === id ? { ...r, name } : r)) })),
  setRecordPinned: (id, pinned) =>
    set((s) => ({ records: s.records.map((r) => (r.id === id ? { ...r, pinned } : r)) })),
  removeRecord: (id) =>
    set((s) => ({
      records: s.records.filter((r) => r.id !== id),
      selectedRunIds: s.selectedRunIds.filter((x) => x !== id),
    })),
  setRunSelected: (id, selected) =>
    set((s) => {
      const without = s.selectedRunIds.filter((x) => x !== id);
      return { selectedRunIds: selected ? [...without, id] : without };
    }),
  setLabStorage: (labStorage) => set({ labStorage }),
  setLiveRecordId: (liveRecordId) => set({ liveRecordId }),
  sweep: null,
  setSweep: (sweep) => set({ sweep }),
  sweepBase: null,
  setSweepBase: (sweepBase) => set({ sweepBase }),
});
