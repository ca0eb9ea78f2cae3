import { describe, expect, it } from 'vitest';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { createAppStore, type Saved } from './index';

function memoryStorage() {
  const data = new Map<string, StorageValue<Saved>>();
  const storage: PersistStorage<Saved> = {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, JSON.parse(JSON.stringify(v)) as StorageValue<Saved>),
    removeItem: (k) => void data.delete(k),
  };
  return { data, storage };
}

describe('Presenter', () => {
  it('is off at first, saved with the autosave and restored by a new store', () => {
    const mem = memoryStorage();
    const a = createAppStore(mem.storage);
    expect(a.getState().presenter).toBe(false);
    a.getState().setPresenter(true);
    expect(mem.data.get('cnn-playground')?.state.presenter).toBe(true);
    expect(createAppStore(mem.storage).getState().presenter).toBe(true);
  });

  it('ignores a saved value that is not true or false', () => {
    const mem = memoryStorage();
    createAppStore(mem.storage).getState().setPresenter(true);
    const saved = mem.data.get('cnn-playground');
    if (!saved) throw new Error('nothing saved');
    mem.data.set('cnn-playground', {
      ...saved,
      state: { ...saved.state, presenter: 'yes' as unknown as boolean },
    });
    expect(createAppStore(mem.storage).getState().presenter).toBe(false);
  });
});
