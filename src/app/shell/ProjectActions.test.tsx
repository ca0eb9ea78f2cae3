// @vitest-environment jsdom
/** The kept autosaves stay downloadable from the project actions after their banner is gone. */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_KEY } from '../persistence/autosave';
import * as files from '../persistence/exportImport';
import { KEPT_AUTOSAVES_FILE } from '../persistence/keptAutosaves';
import { ProjectActions } from './ProjectActions';
import { mount, unmount } from '../testing/mount';

let root: Root;
let host: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  ({ host, root } = mount());
});
afterEach(() => {
  unmount({ host, root });
  localStorage.clear();
  vi.restoreAllMocks();
});

const button = () =>
  [...host.querySelectorAll('button')].find((b) => b.textContent === 'Download kept autosaves');

describe('Download kept autosaves', () => {
  it('is offered while a kept autosave exists, and downloads them all as JSON', () => {
    const kept = [
      { savedAt: '2024-01-01T00:00:00.000Z', reason: 'autosave: not valid JSON', text: 'broken {' },
    ];
    localStorage.setItem(BACKUP_KEY, JSON.stringify(kept));
    const spy = vi.spyOn(files, 'download').mockImplementation(() => undefined);
    act(() => root.render(<ProjectActions />));
    const b = button();
    expect(b).toBeDefined();
    act(() => b?.click());
    expect(spy).toHaveBeenCalledTimes(1);
    const [name, data, type] = spy.mock.calls[0]!;
    expect(name).toBe(KEPT_AUTOSAVES_FILE);
    expect(type).toBe('application/json');
    expect(JSON.parse(String(data))).toEqual(kept);
  });

  it('is not shown when nothing was kept', () => {
    act(() => root.render(<ProjectActions />));
    expect(host.querySelector('button')).not.toBeNull();
    expect(button()).toBeUndefined();
  });
});
