// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { mount, unmount, type Mounted } from '../testing/mount';
import { CameraCapture } from './CameraCapture';
import { squareCrop } from './cameraFrames';
import { findClass } from './staging';
import { useStagingStore } from './stagingStore';

class FakeTrack {
  stopped = false;
  stop(): void {
    this.stopped = true;
  }
}
class FakeStream {
  readonly track = new FakeTrack();
  getTracks(): FakeTrack[] {
    return [this.track];
  }
}

let m: Mounted;
let streams: FakeStream[];
let getUserMedia: Mock<() => Promise<unknown>>;
const drawn: number[][] = [];

const button = (name: string): HTMLButtonElement | undefined =>
  [...m.host.querySelectorAll('button')].find((b) => b.textContent === name);
const text = (): string => m.host.textContent ?? '';
const render = (className: string): void =>
  act(() => m.root.render(createElement(CameraCapture, { className })));
const items = (c: string): string[] =>
  findClass(useStagingStore.getState().staging, c)?.items.map((i) => i.name) ?? [];

async function pressCapture(): Promise<void> {
  await act(async () => {
    button('Capture from camera')!.click();
  });
}
function setMedia(impl: (() => Promise<unknown>) | undefined): void {
  getUserMedia = vi.fn(impl ?? (() => Promise.resolve()));
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: impl ? { getUserMedia } : undefined,
  });
}
const domError = (name: string): DOMException => new DOMException('x', name);

beforeEach(() => {
  useStagingStore.getState().reset();
  streams = [];
  drawn.length = 0;
  setMedia(() => {
    const s = new FakeStream();
    streams.push(s);
    return Promise.resolve(s);
  });
  Object.defineProperty(HTMLVideoElement.prototype, 'videoWidth', { configurable: true, get: () => 640 });
  Object.defineProperty(HTMLVideoElement.prototype, 'videoHeight', { configurable: true, get: () => 480 });
  HTMLMediaElement.prototype.play = () => Promise.resolve();
  HTMLCanvasElement.prototype.getContext = (() => ({
    drawImage: (...args: unknown[]) => drawn.push(args.slice(1) as number[]),
  })) as unknown as HTMLCanvasElement['getContext'];
  HTMLCanvasElement.prototype.toBlob = function (cb: BlobCallback, type?: string) {
    cb(new Blob([new Uint8Array(10)], { type: type ?? 'image/png' }));
  };
  m = mount();
});
afterEach(() => {
  vi.useRealTimers();
  unmount(m);
});

describe('CameraCapture', () => {
  it('asks for the camera only when Capture from camera is pressed, after saying why', async () => {
    render('cats');
    expect(getUserMedia).not.toHaveBeenCalled();
    expect(text()).toMatch(/frames stay in this browser/);
    await pressCapture();
    expect(getUserMedia).toHaveBeenCalledWith({ video: true });
    expect(button('Hold to record')).toBeDefined();
    expect(button('Stop camera')).toBeDefined();
    expect(m.host.querySelector('video')!.hidden).toBe(false);
  });

  it.each([
    ['NotAllowedError', /not allowed/],
    ['NotFoundError', /No camera was found/],
    ['NotReadableError', /in use by another program/],
  ])('%s gets its own message and the button stays', async (name, message) => {
    setMedia(() => Promise.reject(domError(name)));
    render('cats');
    await pressCapture();
    expect(m.host.querySelector('[role="alert"]')!.textContent).toMatch(message);
    expect(button('Capture from camera')).toBeDefined();
    expect(button('Hold to record')).toBeUndefined();
  });

  it('without mediaDevices (a page on http) says so without asking', async () => {
    setMedia(undefined);
    render('cats');
    await pressCapture();
    expect(m.host.querySelector('[role="alert"]')!.textContent).toMatch(/https/);
  });

  it.each([
    [2, 3],
    [5, 6],
    [10, 11],
  ])(
    'holding for one second at %i frames per second records %i frames (one at the press)',
    async (fps, frames) => {
      render('cats');
      await pressCapture();
      vi.useFakeTimers();
      const select = m.host.querySelector('select')!;
      act(() => {
        select.value = String(fps);
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      const hold = button('Hold to record')!;
      await act(async () => {
        hold.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
      await act(async () => {
        hold.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(2000);
      });
      expect(items('cats')).toEqual(Array.from({ length: frames }, (_, i) => `camera ${i + 1}`));
      expect(text()).toContain(`${frames} images in “cats”`);
      // Cropped square from the middle of 640×480 onto the frame canvas.
      expect(drawn[0]).toEqual([80, 0, 480, 480, 0, 0, 128, 128]);
    },
  );

  it('Space held records, released stops; counts are per class and numbering goes on', async () => {
    render('cats');
    await pressCapture();
    vi.useFakeTimers();
    const hold = button('Hold to record')!;
    const key = async (type: string, repeat = false) =>
      act(async () => {
        hold.dispatchEvent(new KeyboardEvent(type, { key: ' ', bubbles: true, repeat }));
        await vi.advanceTimersByTimeAsync(0);
      });
    await key('keydown');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400); // 5 fps: two more
    });
    await key('keydown', true); // auto-repeat changes nothing
    await key('keyup');
    expect(items('cats')).toHaveLength(3);
    render('dogs'); // class change: the camera goes off
    expect(streams[0]!.track.stopped).toBe(true);
    expect(button('Hold to record')).toBeUndefined();
    expect(text()).toContain('0 images in “dogs”');
    render('cats');
    await pressCapture();
    const hold2 = button('Hold to record')!;
    await act(async () => {
      hold2.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      await vi.advanceTimersByTimeAsync(0);
      hold2.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }));
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(items('cats')).toEqual(['camera 1', 'camera 2', 'camera 3', 'camera 4']);
    expect(items('dogs')).toEqual([]);
  });

  it('a frame still encoding when the button is let go is dropped: the recorded count is final', async () => {
    const pending: (() => void)[] = [];
    HTMLCanvasElement.prototype.toBlob = function (cb: BlobCallback, type?: string) {
      pending.push(() => cb(new Blob([new Uint8Array(10)], { type: type ?? 'image/png' })));
    };
    render('cats');
    await pressCapture();
    vi.useFakeTimers();
    const hold = button('Hold to record')!;
    await act(async () => {
      hold.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    });
    expect(pending).toHaveLength(1);
    await act(async () => {
      pending.shift()!(); // encoded while held: kept
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200); // 5 fps: the next frame starts encoding
    });
    expect(pending).toHaveLength(1);
    // It is let go before that frame is encoded.
    await act(async () => {
      hold.dispatchEvent(new KeyboardEvent('keyup', { key: ' ', bubbles: true }));
    });
    expect(text()).toContain('Recorded 1 frame.');
    for (const finish of pending.splice(0)) {
      await act(async () => finish());
    }
    expect(items('cats')).toEqual(['camera 1']);
    expect(text()).toContain('1 image in “cats”');
    expect(text()).toContain('Recorded 1 frame.');
  });

  it('stops the tracks on Stop camera and on unmount', async () => {
    render('cats');
    await pressCapture();
    act(() => button('Stop camera')!.click());
    expect(streams[0]!.track.stopped).toBe(true);
    expect(button('Capture from camera')).toBeDefined();
    await pressCapture();
    expect(streams[1]!.track.stopped).toBe(false);
    act(() => m.root.render(null));
    expect(streams[1]!.track.stopped).toBe(true);
  });

  it('stops when the dialog around it closes', async () => {
    const dialog = document.createElement('dialog');
    document.body.append(dialog);
    dialog.append(m.host);
    render('cats');
    await pressCapture();
    act(() => {
      dialog.dispatchEvent(new Event('close'));
    });
    expect(streams[0]!.track.stopped).toBe(true);
    expect(button('Hold to record')).toBeUndefined();
    dialog.replaceWith(m.host);
  });

  it('a stream granted after unmount is turned off at once', async () => {
    let grant: (s: FakeStream) => void = () => {};
    setMedia(() => new Promise((r) => (grant = r)));
    render('cats');
    await pressCapture();
    expect(text()).toMatch(/Waiting for the browser/);
    act(() => m.root.render(null));
    const late = new FakeStream();
    await act(async () => grant(late));
    expect(late.track.stopped).toBe(true);
  });
});

describe('squareCrop', () => {
  it('takes the centred square', () => {
    expect(squareCrop(640, 480)).toEqual({ sx: 80, sy: 0, side: 480 });
    expect(squareCrop(480, 641)).toEqual({ sx: 0, sy: 80, side: 480 });
  });
});
