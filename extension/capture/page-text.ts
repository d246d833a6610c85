/**
 * Visible text of a DOM subtree laid out roughly like `innerText`: block elements start new lines, table cells
 * are separated by a tab, `<br>` breaks the line. Written by hand because linkedom's `innerText` is plain
 * `textContent` (script bodies and `<template>` contents included) and a content script must not force layout.
 * Iterative and bounded, so a hostile page (deep nesting, megabytes of text) cannot exhaust the stack or memory.
 */

/** Elements whose text is never page text: code, styles, inert templates, embedded documents, form internals. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'IFRAME',
  'OBJECT',
  'SVG',
  'CANVAS',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
]);

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
  'CAPTION',
]);

const CELL = new Set(['TD', 'TH']);

export interface PageTextOptions {
  /** Stop after this many characters (default 1,000,000). */
  maxChars?: number;
  /** Stop after visiting this many nodes (default 200,000). */
  maxNodes?: number;
  /** Subtrees to leave out (e.g. the footer when reading the main content). */
  skip?: (el: Element) => boolean;
}

/** True for elements the author hid: `hidden`, `aria-hidden="true"`, inline `display:none`/`visibility:hidden`. */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** The text of `root` as lines (see the module comment). Lines are trimmed; runs of blank lines collapse to one. */
export function pageText(root: Node, options: PageTextOptions = {}): string {
  const maxChars = options.maxChars ?? 1_000_000;
  let budget = options.maxNodes ?? 200_000;
  const parts: string[] = [];
  let length = 0;
  // Explicit stack of [node, leaving]: `leaving` entries emit the line break after a block closes.
  const stack: Array<[Node, boolean]> = [[root, false]];
  while (stack.length > 0 && length < maxChars && budget-- > 0) {
    const [node, leaving] = stack.pop()!;
    if (node.nodeType === 3) {
      const text = (node.nodeValue ?? '').replace(/[\s\u00a0]+/g, ' ');
      parts.push(text);
      length += text.length;
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const el = node as Element;
    const tag = node.nodeType === 1 ? el.tagName.toUpperCase() : '';
    if (leaving) {
      parts.push(CELL.has(tag) ? '\t' : '\n');
      continue;
    }
    if (node.nodeType === 1) {
      if (SKIPPED.has(tag) || isHidden(el) || options.skip?.(el)) continue;
      if (tag === 'BR') {
        parts.push('\n');
        continue;
      }
      if (BLOCK.has(tag)) parts.push('\n');
      if (BLOCK.has(tag) || CELL.has(tag)) stack.push([node, true]);
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, false]);
  }
  return tidyLines(parts.join('').slice(0, maxChars));
}

/** Trims each line, drops empty cells at line ends, collapses blank-line runs. */
function tidyLines(text: string): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw
      .split('\t')
      .map((cell) => cell.trim())
      .filter((cell) => cell !== '')
      .join('\t')
      .trim();
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
