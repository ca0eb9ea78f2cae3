/** The options of a new dataset: image size, grey or RGB, how other shapes are made square, the test share. */
import { useId } from 'react';
import { IMAGE_SIZES, type ColourMode, type ImageSize, type ResizeMode } from '../../engine/data/userDataset';
import { NumberField } from '../fields/NumberField';

export interface MakeOptionsValue {
  readonly size: ImageSize;
  readonly colour: ColourMode;
  readonly mode: ResizeMode;
  /** 0..50 */
  readonly testPercent: number;
}

export const DEFAULT_MAKE_OPTIONS: MakeOptionsValue = {
  size: 28,
  colour: 'grey',
  mode: 'fit',
  testPercent: 20,
};

const RESIZE: readonly (readonly [ResizeMode, string, string])[] = [
  ['fit', 'Fit', 'Squeezes the whole picture into the square (its proportions change).'],
  ['crop', 'Crop', 'Keeps the middle square; the sides are cut off.'],
  ['pad', 'Pad', 'Keeps the proportions; bars of its edge colour fill the rest.'],
];

export function MakeOptions(props: {
  readonly value: MakeOptionsValue;
  readonly onChange: (v: MakeOptionsValue) => void;
}) {
  const { value, onChange } = props;
  const sizeId = useId();
  const colourId = useId();
  const hintId = useId();
  return (
    <div className="own__options">
      <span className="field">
        <label htmlFor={sizeId}>Image size</label>
        <select
          id={sizeId}
          value={value.size}
          onChange={(e) => onChange({ ...value, size: Number(e.target.value) as ImageSize })}
        >
          {IMAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}×{s}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor={colourId}>Colour</label>
        <select
          id={colourId}
          value={value.colour}
          onChange={(e) => onChange({ ...value, colour: e.target.value as ColourMode })}
        >
          <option value="grey">Grey</option>
          <option value="rgb">RGB</option>
        </select>
      </span>
      <NumberField
        layout="inline"
        label="Test share"
        value={value.testPercent}
        rule={{ min: 0, max: 50, integer: true }}
        step={5}
        hint="Percent of each class kept apart to test the network on images it has not trained on (0 to 50)"
        onChange={(testPercent) => onChange({ ...value, testPercent })}
      />
      <span className="own__unit">%</span>
      <fieldset className="own__resize" role="radiogroup" aria-describedby={hintId}>
        <legend>Resize</legend>
        {RESIZE.map(([mode, label, hint]) => (
          <span key={mode} className="own__radio">
            <label>
              <input
                type="radio"
                name={`${hintId}-resize`}
                value={mode}
                checked={value.mode === mode}
                aria-describedby={`${hintId}-${mode}`}
                onChange={() => onChange({ ...value, mode })}
              />
              {label}
            </label>
            <span id={`${hintId}-${mode}`} className="own__hint">
              {hint}
            </span>
          </span>
        ))}
      </fieldset>
      <span id={hintId} className="sr-only">
        How a picture that is not square becomes {value.size}×{value.size}.
      </span>
    </div>
  );
}
