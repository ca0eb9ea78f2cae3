/**
 * The staging of the "Your images" region as React state: what picks, folder picks and drops add, the "Class name"
 * they go to, and the sentence saying what happened. Camera frames and drawings can use `addSources`.
 */
import { useCallback, useRef, useState } from 'react';
import { readDropped, takeEntries } from './dropEntries';
import { addFolder, addToClass, fileSource, type AddResult, type Source, type Staging } from './staging';
import { describeAdd, listNames } from './stagingMessages';
import { useStagingStore } from './stagingStore';

const stagingNow = (): Staging => useStagingStore.getState().staging;

export interface StagingState {
  readonly staging: Staging;
  readonly className: string;
  /** What the last add did, in words. */
  readonly said: string | null;
  setClassName(name: string): void;
  setStaging(s: Staging): void;
  /** Picked files ("Image files"), into the class named. */
  addFiles(files: readonly File[]): void;
  /** A folder pick ("Image folder"): classes from its sub-folders. */
  addPickedFolder(files: readonly File[]): void;
  /** Anything else (camera frames, drawings) into a class. */
  addSources(className: string, sources: readonly Source[]): void;
  /** A drop onto the region; reads dropped folders. */
  drop(dt: DataTransfer): Promise<void>;
}

export function useStaging(): StagingState {
  // In the shared staging store, which the camera and the draw pad's "Add to class" add to as well.
  const staging = useStagingStore((s) => s.staging);
  const [className, setName] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const name = useRef(className);
  const setClassName = useCallback((n: string) => {
    name.current = n;
    setName(n);
  }, []);

  // A change of the staging (a rename, a removal, the dataset made) makes the last add's sentence old: it goes.
  const setStaging = useCallback((s: Staging) => {
    useStagingStore.getState().setStaging(s);
    setSaid(null);
  }, []);
  const apply = useCallback(
    (r: AddResult, prefix = '') => {
      setStaging(r.staging);
      setSaid(prefix + describeAdd(r));
    },
    [setStaging],
  );

  const addFiles = useCallback(
    (files: readonly File[]) =>
      apply(
        addToClass(
          stagingNow(),
          name.current,
          files.map((f) => fileSource(f)),
        ),
      ),
    [apply],
  );
  const addPickedFolder = useCallback(
    (files: readonly File[]) =>
      apply(
        addFolder(
          stagingNow(),
          files.map((f) => fileSource(f)),
          name.current,
        ),
      ),
    [apply],
  );
  const addSources = useCallback(
    (cls: string, sources: readonly Source[]) => apply(addToClass(stagingNow(), cls, sources)),
    [apply],
  );
  const drop = useCallback(
    async (dt: DataTransfer) => {
      const entries = takeEntries(dt);
      if (!entries) {
        const files = [...dt.files];
        return apply(
          addToClass(
            stagingNow(),
            name.current,
            files.map((f) => fileSource(f)),
          ),
        );
      }
      const folders = entries.filter((e) => e.isDirectory).length;
      setSaid(folders > 0 ? 'Reading the dropped folders…' : 'Reading the dropped files…');
      const read = await readDropped(entries);
      const unreadable = read.unreadable.length > 0 ? ` Could not read ${listNames(read.unreadable)}.` : '';
      const r =
        read.kind === 'folder'
          ? addFolder(stagingNow(), read.sources, name.current)
          : addToClass(stagingNow(), name.current, read.sources);
      const what = folders > 0 ? `Dropped ${folders} folder${folders === 1 ? '' : 's'}. ` : '';
      setStaging(r.staging);
      setSaid(what + describeAdd(r) + unreadable);
    },
    [apply, setStaging],
  );
  return { staging, className, said, setClassName, setStaging, addFiles, addPickedFolder, addSources, drop };
}
