// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NodeId } from '../../engine/graph/types';
import { mount, unmount, type Mounted } from '../testing/mount';
import { ConvStepNotice } from './ConvStepNotice';

let m: Mounted | null = null;
afterEach(() => {
  if (m) unmount(m);
  m = null;
  document.body.replaceChildren();
});

const pick = { node: 'conv2d_1' as NodeId, index: 0, y: 9, x: 12 };

describe('ConvStepNotice', () => {
  it('says where the cell went; its button scrolls Convolution step into view and focuses the picture', () => {
    const region = document.createElement('section');
    region.dataset['panel'] = 'Convolution step';
    const group = document.createElement('div');
    group.setAttribute('role', 'group');
    group.tabIndex = 0;
    region.append(group);
    document.body.append(region);
    const scroll = vi.fn();
    region.scrollIntoView = scroll;
    m = mount();
    act(() => m?.root.render(createElement(ConvStepNotice, { pick, shown: true })));
    expect(m.host.textContent).toContain(
      'Cell conv2d_1, row 10, column 13 is worked out in Convolution step.',
    );
    expect(scroll).not.toHaveBeenCalled();
    const button = m.host.querySelector('button');
    expect(button?.textContent).toBe('Show in Convolution step');
    act(() => button?.click());
    expect(scroll).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(group);
  });

  it('says so when the dock hides Convolution step, and nothing before a click', () => {
    m = mount();
    act(() => m?.root.render(createElement(ConvStepNotice, { pick, shown: false })));
    expect(m.host.textContent).toContain('Convolution step is hidden');
    expect(m.host.querySelector('button')).toBeNull();
    act(() => m?.root.render(createElement(ConvStepNotice, { pick: null, shown: true })));
    expect(m.host.textContent).toBe('');
  });
});
