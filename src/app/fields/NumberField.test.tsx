// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import type { Root } from 'react-dom/client';
import { mount, unmount } from '../testing/mount';
import { description, fieldNamed, leave, pressKey, typeKeys } from './typeInto';
import { NumberField } from './NumberField';
import type { NumberFieldProps } from './NumberField';

let root: Root;
let host: HTMLElement;
let applied: number[];

/** A field over local state, recording every value it applies. */
function Harness(props: Omit<NumberFieldProps, 'value' | 'onChange'>) {
  const [value, setValue] = useState(5);
  return (
    <NumberField
      {...props}
      value={value}
      onChange={(v) => {
        applied.push(v);
        setValue(v);
      }}
    />
  );
}

const render = (props: Omit<NumberFieldProps, 'value' | 'onChange'>) => {
  act(() => root.render(<Harness {...props} />));
  return fieldNamed(host, props.label) as HTMLInputElement;
};

describe('NumberField', () => {
  beforeEach(() => {
    applied = [];
    ({ host, root } = mount());
  });
  afterEach(() => {
    unmount({ host, root });
  });

  for (const layout of ['form', 'inline'] as const) {
    it(`${layout}: applies on Enter or blur only, explains a refusal, Escape reverts`, () => {
      const f = render({ label: 'Units', rule: { min: 1, max: 10, integer: true }, layout });
      typeKeys(f, '12');
      expect(applied).toEqual([]);
      pressKey(f, 'Enter');
      expect(applied).toEqual([]);
      expect(f.getAttribute('aria-invalid')).toBe('true');
      expect(description(f)).toBe('Must be at most 10.');
      pressKey(f, 'Escape');
      expect(f.value).toBe('5');
      expect(f.getAttribute('aria-invalid')).toBeNull();
      expect(f.getAttribute('aria-describedby')).toBeNull();
      typeKeys(f, '7');
      pressKey(f, 'Enter');
      typeKeys(f, '8');
      leave(f);
      expect(applied).toEqual([7, 8]);
      expect(f.getAttribute('inputmode')).toBe('numeric');
    });
  }

  it('steps with the arrow keys within the rule, only when given a step', () => {
    const f = render({
      label: 'Rate',
      rule: { min: 4, max: 6, integer: false, inclusiveMin: false },
      step: 1,
    });
    pressKey(f, 'ArrowUp');
    pressKey(f, 'ArrowUp');
    expect(applied).toEqual([6]);
    pressKey(f, 'ArrowDown');
    pressKey(f, 'ArrowDown');
    // 4 is the excluded minimum: the second step down is refused.
    expect(applied).toEqual([6, 5]);
    const g = render({ label: 'Other', rule: { min: 0, max: 10, integer: true } });
    pressKey(g, 'ArrowUp');
    expect(applied).toEqual([6, 5]);
  });

  it('shows its range as a tooltip on the settings bar, a hint instead when given, none in the inspector', () => {
    expect(render({ label: 'A', rule: { min: 1, max: 9, integer: true }, layout: 'inline' }).title).toBe(
      'from 1 to 9, whole numbers',
    );
    expect(
      render({ label: 'B', rule: { min: 1, max: 9, integer: true }, layout: 'inline', hint: 'h' }).title,
    ).toBe('h');
    expect(render({ label: 'C', rule: { min: 1, max: 9, integer: true } }).hasAttribute('title')).toBe(false);
  });
});
