/** The classes gathered so far, with their image counts: rename or remove a class, remove a zip. */
import { useMemo, useState } from 'react';
import { fmtInt } from '../training/format';
import { removeClass, removeItem, renameClass, stagingCounts, type Staging } from './staging';

function ClassName(props: { readonly name: string; readonly onRename: (to: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft.trim() !== '') props.onRename(draft);
    setDraft(null);
  };
  return (
    <input
      className="own__class-name"
      aria-label={`Name of class ${props.name}`}
      title="Type a new name and press Enter; the name of another class merges the two"
      value={draft ?? props.name}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          e.preventDefault(); // not the dialog's Escape
          setDraft(null);
        }
      }}
    />
  );
}

export function StagedClasses(props: { readonly staging: Staging; readonly onChange: (s: Staging) => void }) {
  const { staging, onChange } = props;
  const counts = useMemo(() => stagingCounts(staging), [staging]);
  if (counts.files === 0) return null;
  return (
    <div className="own__staged">
      <ul aria-label="Classes to make" className="own__staged-list">
        {counts.classes.map((c) => (
          <li key={c.name}>
            <ClassName name={c.name} onRename={(to) => onChange(renameClass(staging, c.name, to))} />
            <span>
              {fmtInt(c.images)} image{c.images === 1 ? '' : 's'}
              {c.others > 0 ? ` (+ ${fmtInt(c.others)} other file${c.others === 1 ? '' : 's'}, skipped)` : ''}
            </span>
            <button
              type="button"
              aria-label={`Remove class ${c.name}`}
              onClick={() => onChange(removeClass(staging, c.name))}
            >
              Remove
            </button>
          </li>
        ))}
        {staging.zips.map((z, i) => (
          <li key={`zip-${z.name}-${i}`}>
            <span className="own__zip">{z.name}</span>
            <span>classes from its folders</span>
            <button
              type="button"
              aria-label={`Remove ${z.name}`}
              onClick={() => onChange(removeItem(staging, 'zips', i))}
            >
              Remove
            </button>
          </li>
        ))}
        {staging.loose.length > 0 && (
          <li>
            <span>
              {fmtInt(staging.loose.length)} file{staging.loose.length === 1 ? '' : 's'} outside the class
              folders (skipped)
            </span>
          </li>
        )}
      </ul>
      <p className="own__total">
        {counts.classes.length} class{counts.classes.length === 1 ? '' : 'es'}, {fmtInt(counts.images)} image
        {counts.images === 1 ? '' : 's'}
        {counts.zips > 0 ? ` + ${counts.zips} zip${counts.zips === 1 ? '' : 's'}` : ''}{' '}
        <button type="button" onClick={() => onChange({ classes: [], zips: [], loose: [] })}>
          Clear all
        </button>
      </p>
    </div>
  );
}
