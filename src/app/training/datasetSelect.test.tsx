// @vitest-environment jsdom
/** The "Dataset" select lists the user's own datasets by name after the shipped ones; the value is the id. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { fieldNamed, typeText } from '../fields/typeInto';
import { useAppStore } from '../store';
import { mount, unmount } from '../testing/mount';
import { SettingsFields } from './SettingsFields';

let root: Root;
let host: HTMLElement;
const select = () => fieldNamed(host, 'Dataset') as HTMLSelectElement;
const options = () => [...select().options].map((o) => [o.value, o.textContent]);
const named = (id: `user-${string}`, name: string, createdAt: number) => ({
  ...makeUserDataset({ id, createdAt }).meta,
  name,
});

describe('the Dataset select', () => {
  beforeEach(() => {
    useAppStore.setState({ dataset: 'mnist', userDatasets: [] });
    ({ host, root } = mount());
    act(() => root.render(<SettingsFields />));
  });
  afterEach(() => {
    unmount({ host, root });
    useAppStore.setState({ dataset: 'mnist', userDatasets: [] });
  });

  it('lists the user datasets by name after the shipped ones, and choosing one chooses its id', () => {
    expect(options()).toEqual([
      ['mnist', 'MNIST'],
      ['fashion-mnist', 'Fashion-MNIST'],
      ['procedural', 'Procedural'],
    ]);
    act(() =>
      useAppStore
        .getState()
        .setUserDatasets([named('user-b', 'Leaves', 2), named('user-a', 'Cats and dogs', 1)]),
    );
    expect(options().slice(3)).toEqual([
      ['user-a', 'Cats and dogs'],
      ['user-b', 'Leaves'],
    ]);
    typeText(select(), 'user-b');
    expect(useAppStore.getState().dataset).toBe('user-b');
    expect(select().value).toBe('user-b');
    act(() => useAppStore.getState().upsertUserDataset(named('user-b', 'Autumn leaves', 2)));
    expect(select().selectedOptions[0]?.textContent).toBe('Autumn leaves');
  });

  it('a chosen user dataset that is not listed still shows as chosen, not as MNIST', () => {
    act(() => useAppStore.getState().setDataset('user-gone'));
    expect(select().value).toBe('user-gone');
    expect(select().selectedOptions[0]?.textContent).toBe('Your own dataset (not in this browser)');
  });
});
