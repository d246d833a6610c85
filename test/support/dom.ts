import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh linkedom document per test, installed as `globalThis.document` (Preact creates its nodes there) with an
 * empty `#app` to render into; unmounted and restored after each test. Returns the current `#app`.
 */
export function renderRoot(): () => Element {
  const g = globalThis as unknown as { document?: Document };
  let saved: Document | undefined;
  let root: Element | undefined;
  beforeEach(() => {
    saved = g.document;
    const { document } = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
    g.document = document;
    root = document.getElementById('app') ?? undefined;
  });
  afterEach(() => {
    if (root) render(null, root);
    g.document = saved;
  });
  return () => {
    if (!root) throw new Error('renderRoot() is only available inside a test');
    return root;
  };
}

/** Dispatches a DOM event of the element's own window (`submit`, `input`, `change`). */
export function fire(element: Element, type: string): void {
  const { Event } = element.ownerDocument.defaultView as unknown as { Event: typeof globalThis.Event };
  element.dispatchEvent(new Event(type));
}

/** Waits for an asynchronous render (a store read, a save) to show; fails naming what it waited for. */
export async function until(root: Element, test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!test()) throw new Error(`timed out waiting for ${what}: ${root.innerHTML}`);
}
