/**
 * "New dataset" in the "Your images" region: a class name and its images (files, a folder, a zip, or dropped onto
 * the region), the options, "Make dataset" with its progress and Cancel, and what came of it.
 */
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { useAppStore } from '../store';
import { fmtInt } from '../training/format';
import { megabytes } from '../../workers/userDatasets/storeErrors';
import { CameraCapture } from './CameraCapture';
import { MakeOptions, DEFAULT_MAKE_OPTIONS, type MakeOptionsValue } from './MakeOptions';
import { MakeResult } from './MakeResult';
import type { OwnImagesDeps } from './ownImagesDeps';
import { StagedClasses } from './StagedClasses';
import { defaultDatasetName, stagedBytes, stagingCounts } from './staging';
import { useMakeDataset, type Estimate } from './useMakeDataset';
import type { StagingState } from './useStaging';

/** webkitdirectory is not in React's types; every browser we support reads it. */
const FOLDER_PICK = { webkitdirectory: '', directory: '' } as Record<string, string>;

const picked = (e: ChangeEvent<HTMLInputElement>): File[] => {
  const files = [...(e.target.files ?? [])];
  e.target.value = ''; // choosing the same files again is a change too
  return files;
};

/**
 * The form's options and name and the job, kept by the always-mounted YourImages: the region's content is rendered
 * only while its dialog is open, and a dataset being made (or its result) is still there when it opens again.
 */
export function useMakeForm(deps: OwnImagesDeps, storeError: string | null, estimate: Estimate) {
  const [options, setOptions] = useState<MakeOptionsValue>(DEFAULT_MAKE_OPTIONS);
  const [name, setName] = useState('');
  const job = useMakeDataset(deps, storeError, estimate);
  return { options, setOptions, name, setName, job };
}
export type MakeForm = ReturnType<typeof useMakeForm>;

export function MakeDataset(props: {
  readonly st: StagingState;
  readonly form: MakeForm;
  readonly storeError: string | null;
  readonly onMade: () => void;
}) {
  const { st, storeError } = props;
  const { options, setOptions, name, setName, job } = props.form;
  const seed = useAppStore((s) => s.seed);
  const ids = { cls: useId(), files: useId(), folder: useId(), name: useId(), help: useId() };
  // Counting walks every staged file (10,000 take ~25 ms): once per change of the staging, not per keystroke.
  const counts = useMemo(() => stagingCounts(st.staging), [st.staging]);
  const make = async () => {
    const next = await job.make(st.staging, name.trim() || defaultDatasetName(st.staging), {
      size: options.size,
      colour: options.colour,
      mode: options.mode,
      testFraction: options.testPercent / 100,
      seed,
    });
    if (next !== st.staging) {
      st.setStaging(next);
      setName('');
    }
    props.onMade();
  };
  const needed = useMemo(
    () => stagedBytes(st.staging, options.size, options.colour),
    [st.staging, options.size, options.colour],
  );
  return (
    <section className="own__make" aria-labelledby={`${ids.help}-title`}>
      <h3 id={`${ids.help}-title`}>New dataset</h3>
      <p id={ids.help} className="own__help">
        One class at a time: type its name, then choose its images or drop them here. A folder with one
        sub-folder per class, or a .zip of such folders, brings all its classes at once.
      </p>
      <fieldset className="own__sources" disabled={job.busy} aria-describedby={ids.help}>
        <legend className="sr-only">Images</legend>
        <span className="field">
          <label htmlFor={ids.cls}>Class name</label>
          <input
            id={ids.cls}
            type="text"
            value={st.className}
            placeholder="e.g. cats"
            onChange={(e) => st.setClassName(e.target.value)}
          />
        </span>
        <span className="field">
          <label htmlFor={ids.files}>Image files</label>
          <input
            id={ids.files}
            type="file"
            multiple
            accept="image/*,.zip,application/zip"
            onChange={(e) => st.addFiles(picked(e))}
          />
        </span>
        <span className="field">
          <label htmlFor={ids.folder}>Image folder</label>
          <input
            id={ids.folder}
            type="file"
            {...FOLDER_PICK}
            onChange={(e) => st.addPickedFolder(picked(e))}
          />
        </span>
      </fieldset>
      <CameraCapture className={st.className} />
      <p className="own__said" role="status">
        {st.said}
      </p>
      <StagedClasses staging={st.staging} onChange={st.setStaging} />
      <MakeOptions value={options} onChange={setOptions} />
      <div className="own__go">
        <span className="field">
          <label htmlFor={ids.name}>Dataset name</label>
          <input
            id={ids.name}
            type="text"
            value={name}
            placeholder={defaultDatasetName(st.staging)}
            onChange={(e) => setName(e.target.value)}
          />
        </span>
        {job.busy ? (
          <span className="own__progress">
            {job.progress && job.progress.total > 0 ? (
              <>
                <progress
                  max={job.progress.total}
                  value={job.progress.done}
                  aria-label="Preparing images"
                  aria-valuetext={`${fmtInt(job.progress.done)} of ${fmtInt(job.progress.total)} files`}
                />
                <span>
                  Files {fmtInt(job.progress.done)} / {fmtInt(job.progress.total)}
                </span>
              </>
            ) : (
              <>
                <progress aria-label="Preparing images" aria-valuetext="reading the files" />
                <span>Reading the files…</span>
              </>
            )}
            <button type="button" onClick={job.cancel}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void make()}
            disabled={storeError !== null}
          >
            Make dataset
          </button>
        )}
        {counts.images > 0 && !job.busy && (
          <span className="own__size">about {megabytes(needed)} MB in this browser</span>
        )}
      </div>
      <MakeResult result={job.result} />
    </section>
  );
}
