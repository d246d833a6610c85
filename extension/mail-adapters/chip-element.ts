import type { MailChip } from './mail-clip-types';

/** Marks our chip's host element in the page (the watcher ignores mutations inside it). */
export const CHIP_ATTRIBUTE = 'data-leadcard-chip';

// Inside a closed shadow root: the page's CSS does not reach the chip, and the page's scripts cannot read it.
const STYLE = `
:host { all: initial; display: inline-flex; vertical-align: middle; margin: 0 6px; }
.chip { display: inline-flex; align-items: center; gap: 4px; font: 12px/1.6 system-ui, sans-serif; color: #202124;
  background: #f1f3f4; border: 1px solid #dadce0; border-radius: 10px; padding: 0 6px; max-width: 320px; }
.grade { color: #fff; border-radius: 8px; padding: 0 5px; font-weight: 600; }
.name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 140px; }
button { font: inherit; color: #1a73e8; background: none; border: 0; padding: 0 2px; cursor: pointer; }
button:hover, button:focus-visible { text-decoration: underline; }
`;

/**
 * Builds (or rebuilds) the caller-ID chip inside `host`'s closed shadow root, with DOM APIs and `textContent`
 * only: the customer's name and the rest are captured data and are never parsed as HTML. `onClip` runs when
 * the rep presses the chip's clip button.
 */
export function renderChip(host: HTMLElement, shadow: ShadowRoot, chip: MailChip, onClip: () => void): void {
  const doc = host.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text = '') => {
    const node = doc.createElement(tag);
    node.className = cls;
    node.textContent = text;
    return node;
  };
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = el('span', 'chip');
  const button = el('button', 'clip', chip.clipLabel);
  button.type = 'button';
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onClip();
  });
  if (chip.kind === 'known') {
    const grade = el('span', 'grade', chip.grade);
    grade.style.background = chip.color;
    box.append(grade, el('span', 'name', chip.name));
    box.title = [chip.name, ...chip.details].join('\n');
    host.setAttribute('aria-label', [chip.grade, chip.name, ...chip.details].join(' · '));
  } else {
    host.setAttribute('aria-label', chip.clipLabel);
  }
  box.append(button);
  host.setAttribute('data-state', chip.kind);
  shadow.replaceChildren(style, box);
}

/** A fresh host for the chip: an inline element with a closed shadow root. */
export function chipHost(doc: Document): { host: HTMLElement; shadow: ShadowRoot } {
  const host = doc.createElement('span');
  host.setAttribute(CHIP_ATTRIBUTE, '');
  host.setAttribute('role', 'group');
  const shadow = host.attachShadow({ mode: 'closed' });
  return { host, shadow };
}
