/**
 * Captions over a canvas (a layer's name and size over its block of maps or kernels), kept in step with the data in
 * place: a caption whose text, tooltip and position are unchanged is not touched, so a redraw while training
 * (several a second) neither re-inserts nor re-lays out them (issue 16: main-thread time while training).
 */
export interface CaptionSpec {
  readonly text: string;
  /** Tooltip; none when absent. */
  readonly title?: string;
  /** CSS `top` of the caption. */
  readonly top: string;
}

/** Makes `container`'s children the captions `specs` (new ones from `make`), changing only what differs. */
export function syncCaptions(
  container: HTMLElement,
  specs: readonly CaptionSpec[],
  make: () => HTMLElement,
): void {
  while (container.children.length > specs.length) container.lastElementChild?.remove();
  specs.forEach((s, i) => {
    let c = container.children[i] as HTMLElement | undefined;
    if (!c) {
      c = make();
      container.append(c);
    }
    if (c.textContent !== s.text) c.textContent = s.text;
    if (s.title === undefined) {
      if (c.hasAttribute('title')) c.removeAttribute('title');
    } else if (c.title !== s.title) c.title = s.title;
    if (c.style.top !== s.top) c.style.top = s.top;
  });
}
