import { absoluteUrl } from './source-context';

/**
 * A microformats2 reader over a DOM (https://microformats.org/wiki/microformats2-parsing), including the
 * backward-compatible classic roots `vcard`, `adr` and `geo`. Written on the Document rather than using the
 * `microformats-parser` package, which re-parses HTML text with parse5: in the content script the DOM already
 * exists, and re-serialising and re-parsing a page costs more than walking it (see bench/extract.bench.ts).
 * Covers what contact capture needs — `p-`/`u-`/`dt-`/`e-` properties, the value-class pattern, implied
 * name/photo/url, nested items — and leaves out what it does not (date normalisation, `rels`, `lang`).
 */

export interface Mf2Item {
  type: string[];
  properties: Record<string, Mf2Value[]>;
  value?: string;
  children?: Mf2Item[];
}
export type Mf2Value = string | Mf2Item | { value: string; alt?: string; html?: string };

const ROOT = /^h-(?:[a-z0-9]+-)?[a-z]+(?:-[a-z]+)*$/;
const PROPERTY = /^(p|u|dt|e)-((?:[a-z0-9]+-)?[a-z]+(?:-[a-z]+)*)$/;

/** Classic (microformats 1) roots and the mf2 type each stands for. */
const BACKCOMPAT_ROOTS: Record<string, string> = { vcard: 'h-card', adr: 'h-adr', geo: 'h-geo' };

/** Classic hCard / adr / geo property classes and their mf2 equivalents. */
const BACKCOMPAT_PROPERTIES: Record<string, Record<string, string>> = {
  'h-card': {
    fn: 'p-name',
    'honorific-prefix': 'p-honorific-prefix',
    'given-name': 'p-given-name',
    'additional-name': 'p-additional-name',
    'family-name': 'p-family-name',
    'honorific-suffix': 'p-honorific-suffix',
    nickname: 'p-nickname',
    email: 'u-email',
    logo: 'u-logo',
    photo: 'u-photo',
    url: 'u-url',
    uid: 'u-uid',
    category: 'p-category',
    adr: 'p-adr',
    extended: 'p-extended-address',
    'extended-address': 'p-extended-address',
    'street-address': 'p-street-address',
    locality: 'p-locality',
    region: 'p-region',
    'postal-code': 'p-postal-code',
    'country-name': 'p-country-name',
    label: 'p-label',
    geo: 'p-geo',
    latitude: 'p-latitude',
    longitude: 'p-longitude',
    tel: 'p-tel',
    note: 'p-note',
    bday: 'dt-bday',
    key: 'u-key',
    org: 'p-org',
    'organization-name': 'p-organization-name',
    'organization-unit': 'p-organization-unit',
    title: 'p-job-title',
    role: 'p-role',
    tz: 'p-tz',
    rev: 'dt-rev',
    'sort-string': 'p-sort-string',
    class: 'p-class',
  },
  'h-adr': {
    'post-office-box': 'p-post-office-box',
    'extended-address': 'p-extended-address',
    'street-address': 'p-street-address',
    locality: 'p-locality',
    region: 'p-region',
    'postal-code': 'p-postal-code',
    'country-name': 'p-country-name',
  },
  'h-geo': { latitude: 'p-latitude', longitude: 'p-longitude' },
};

const MAX_DEPTH = 64;

/** The element each parsed item came from (kept outside the item so items stay plain mf2 JSON). */
export const itemElements = new WeakMap<Mf2Item, Element>();

/** Every top-level microformat in `root` (nested ones appear as property values or children). */
export function parseMicroformats(root: Element | Document, base: string): Mf2Item[] {
  const items: Mf2Item[] = [];
  const baseEl = 'querySelector' in root ? root.querySelector('base[href]') : null;
  const baseUrl = (baseEl && absoluteUrl(baseEl.getAttribute('href') ?? '', base)) || base;
  // Iterative search for roots outside any other root.
  const stack: Element[] = Array.from((root as Element).children ?? []).reverse();
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const el = stack.pop()!;
    const types = rootTypes(el);
    if (types) {
      items.push(parseItem(el, types.types, types.backcompat, baseUrl, 0));
      continue;
    }
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return items;
}

function classes(el: Element): string[] {
  return (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean);
}

function rootTypes(el: Element): { types: string[]; backcompat: boolean } | null {
  const cls = classes(el);
  const mf2 = [...new Set(cls.filter((c) => ROOT.test(c)))].sort();
  if (mf2.length > 0) return { types: mf2, backcompat: false };
  const classic = [...new Set(cls.map((c) => BACKCOMPAT_ROOTS[c]).filter((t): t is string => !!t))].sort();
  return classic.length > 0 ? { types: classic, backcompat: true } : null;
}

function propertyClasses(el: Element, parentTypes: string[] | null, backcompat: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const c of classes(el)) {
    if (backcompat) {
      for (const t of parentTypes ?? []) {
        const mapped = BACKCOMPAT_PROPERTIES[t]?.[c];
        const m = mapped ? PROPERTY.exec(mapped) : null;
        if (m) out.push([m[1]!, m[2]!]);
      }
    } else {
      const m = PROPERTY.exec(c);
      if (m) out.push([m[1]!, m[2]!]);
    }
  }
  const seen = new Set<string>();
  return out.filter(([p, n]) => {
    const key = `${p}-${n}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseItem(el: Element, types: string[], backcompat: boolean, base: string, depth: number): Mf2Item {
  const item: Mf2Item = { type: types, properties: {} };
  const children: Mf2Item[] = [];
  let hasP = false;
  let hasU = false;
  let hasNested = false;
  const add = (name: string, value: Mf2Value) => {
    const list = item.properties[name] ?? [];
    list.push(value);
    item.properties[name] = list;
  };
  // Pre-order walk with an explicit stack: a hostile page can nest far deeper than the call stack allows.
  const stack: Element[] = Array.from(el.children).reverse();
  if (backcompat) {
    // Classic include pattern via `itemref` (microformats-v1 includes): shared org/adr blocks elsewhere on the page.
    const refs = (el.getAttribute('itemref') ?? '').trim().split(/\s+/).filter(Boolean);
    const doc = el.ownerDocument;
    const included: Element[] = [];
    for (const id of refs) {
      const ref = doc?.getElementById(id);
      if (ref && !ref.contains(el) && !el.contains(ref)) included.push(ref);
    }
    stack.unshift(...included.reverse());
  }
  let budget = 100_000;
  while (stack.length > 0 && budget-- > 0) {
    const child = stack.pop()!;
    const props = propertyClasses(child, types, backcompat);
    const nested = depth < MAX_DEPTH ? rootTypes(child) : null;
    if (nested) {
      // A classic `adr`/`geo` inside a vcard is its property as well as a nested item.
      const nestedItem = parseItem(child, nested.types, nested.backcompat, base, depth + 1);
      hasNested = true;
      if (props.length > 0) {
        for (const [prefix, name] of props) {
          const v: Mf2Item = { ...nestedItem, value: nestedValue(prefix, nestedItem, child, base) };
          itemElements.set(v, child);
          add(name, v);
          if (prefix === 'p' || prefix === 'e') hasP = true;
          if (prefix === 'u') hasU = true;
        }
      } else children.push(nestedItem);
      continue;
    }
    for (const [prefix, name] of props) {
      if (prefix === 'p') {
        hasP = true;
        add(name, pValue(child));
      } else if (prefix === 'u') {
        hasU = true;
        add(name, uValue(child, base));
      } else if (prefix === 'dt') {
        add(name, dtValue(child));
      } else {
        hasP = true;
        add(name, { value: textValue(child), html: '' });
      }
    }
    const kids = child.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  if (!backcompat) {
    if (!item.properties.name && !hasP && !hasNested) {
      const name = impliedName(el);
      if (name !== null) item.properties.name = [name];
    }
    if (!item.properties.photo && !hasU && !hasNested) {
      const photo = impliedPhoto(el, base);
      if (photo) item.properties.photo = [photo];
    }
    if (!item.properties.url && !hasU && !hasNested) {
      const url = impliedUrl(el, base);
      if (url !== null) item.properties.url = [url];
    }
  }
  if (children.length > 0) item.children = children;
  itemElements.set(item, el);
  return item;
}

function nestedValue(prefix: string, item: Mf2Item, el: Element, base: string): string {
  const first = (name: string) => {
    const v = item.properties[name]?.[0];
    return typeof v === 'string' ? v : v && 'value' in v && typeof v.value === 'string' ? v.value : undefined;
  };
  if (prefix === 'u') return first('url') ?? uValue(el, base).toString();
  if (prefix === 'p') return first('name') ?? textValue(el);
  return textValue(el);
}

/** The value-class pattern: concatenated `.value` children (`value-title` gives its title). */
function valueClass(el: Element): string | null {
  const parts: string[] = [];
  const stack = Array.from(el.children).reverse();
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (rootTypes(c)) continue;
    const cls = classes(c);
    if (cls.includes('value-title')) parts.push(c.getAttribute('title') ?? '');
    else if (cls.includes('value')) {
      const tag = c.tagName.toLowerCase();
      if ((tag === 'img' || tag === 'area') && c.hasAttribute('alt')) parts.push(c.getAttribute('alt') ?? '');
      else if (tag === 'data' && c.hasAttribute('value')) parts.push(c.getAttribute('value') ?? '');
      else if (tag === 'abbr' && c.hasAttribute('title')) parts.push(c.getAttribute('title') ?? '');
      else parts.push(c.textContent ?? '');
    } else stack.push(...Array.from(c.children).reverse());
  }
  return parts.length > 0 ? parts.join('') : null;
}

function pValue(el: Element): string {
  const vc = valueClass(el);
  if (vc !== null) return vc;
  const tag = el.tagName.toLowerCase();
  if ((tag === 'abbr' || tag === 'link') && el.hasAttribute('title')) return el.getAttribute('title') ?? '';
  if ((tag === 'data' || tag === 'input') && el.hasAttribute('value')) return el.getAttribute('value') ?? '';
  if ((tag === 'img' || tag === 'area') && el.hasAttribute('alt')) return el.getAttribute('alt') ?? '';
  return textValue(el);
}

function uValue(el: Element, base: string): Mf2Value {
  const tag = el.tagName.toLowerCase();
  const url = (attr: string) => absoluteUrl(el.getAttribute(attr) ?? '', base) ?? el.getAttribute(attr) ?? '';
  if ((tag === 'a' || tag === 'area' || tag === 'link') && el.hasAttribute('href')) return url('href');
  if (tag === 'img' && el.hasAttribute('src')) {
    return el.hasAttribute('alt') ? { value: url('src'), alt: el.getAttribute('alt') ?? '' } : url('src');
  }
  if ((tag === 'audio' || tag === 'video' || tag === 'source' || tag === 'iframe') && el.hasAttribute('src'))
    return url('src');
  if (tag === 'video' && el.hasAttribute('poster')) return url('poster');
  if (tag === 'object' && el.hasAttribute('data')) return url('data');
  const vc = valueClass(el);
  if (vc !== null) return vc;
  if (tag === 'abbr' && el.hasAttribute('title')) return el.getAttribute('title') ?? '';
  if ((tag === 'data' || tag === 'input') && el.hasAttribute('value')) return el.getAttribute('value') ?? '';
  return textValue(el);
}

function dtValue(el: Element): string {
  const vc = valueClass(el);
  if (vc !== null) return vc;
  const tag = el.tagName.toLowerCase();
  if ((tag === 'time' || tag === 'ins' || tag === 'del') && el.hasAttribute('datetime'))
    return el.getAttribute('datetime') ?? '';
  if (tag === 'abbr' && el.hasAttribute('title')) return el.getAttribute('title') ?? '';
  if ((tag === 'data' || tag === 'input') && el.hasAttribute('value')) return el.getAttribute('value') ?? '';
  return textValue(el);
}

/** Text content without script/style, `<img>` replaced by its alt, whitespace collapsed (mf2 text rules). */
export function textValue(el: Element): string {
  const parts: string[] = [];
  const stack: Node[] = [el];
  let budget = 50_000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).tagName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'template') continue;
    if (tag === 'img' && node !== el) {
      const alt = (node as Element).getAttribute('alt');
      if (alt !== null) parts.push(` ${alt} `);
      continue;
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The only element child of `el` (ignoring text), or null. */
function onlyChild(el: Element, tags: string[]): Element | null {
  const kids = Array.from(el.children);
  if (kids.length !== 1) return null;
  const c = kids[0]!;
  return tags.includes(c.tagName.toLowerCase()) && !rootTypes(c) ? c : null;
}

/** The one child element of type `tag` (`:only-of-type`), unless it is itself a microformat. */
function onlyOfType(el: Element, tag: string): Element | null {
  const of = Array.from(el.children).filter((c) => c.tagName.toLowerCase() === tag);
  return of.length === 1 && !rootTypes(of[0]!) ? of[0]! : null;
}

function impliedName(el: Element): string | null {
  const tag = el.tagName.toLowerCase();
  const alt = (e: Element) => {
    const t = e.tagName.toLowerCase();
    if ((t === 'img' || t === 'area') && e.hasAttribute('alt')) return e.getAttribute('alt');
    if (t === 'abbr' && e.hasAttribute('title')) return e.getAttribute('title');
    return null;
  };
  const direct = alt(el);
  if (direct !== null) return direct.trim();
  for (const candidate of [onlyChild(el, ['img', 'area', 'abbr'])]) {
    const v = candidate ? alt(candidate) : null;
    if (v !== null && v !== undefined) return v.trim();
  }
  const inner = Array.from(el.children).length === 1 ? el.children[0]! : null;
  if (inner && !rootTypes(inner)) {
    const deep = onlyChild(inner, ['img', 'area', 'abbr']);
    const v = deep ? alt(deep) : null;
    if (v !== null && v !== undefined) return v.trim();
  }
  return tag ? textValue(el) : null;
}

function impliedPhoto(el: Element, base: string): Mf2Value | null {
  const photoOf = (e: Element): Mf2Value | null => {
    const t = e.tagName.toLowerCase();
    if (t === 'img' && e.hasAttribute('src')) return uValue(e, base);
    if (t === 'object' && e.hasAttribute('data')) return uValue(e, base);
    return null;
  };
  const direct = photoOf(el);
  if (direct) return direct;
  for (const tag of ['img', 'object']) {
    const only = onlyOfType(el, tag);
    if (only) return photoOf(only);
  }
  const inner = Array.from(el.children).length === 1 ? el.children[0]! : null;
  if (inner && !rootTypes(inner)) {
    for (const tag of ['img', 'object']) {
      const deep = onlyOfType(inner, tag);
      if (deep) return photoOf(deep);
    }
  }
  return null;
}

function impliedUrl(el: Element, base: string): string | null {
  const hrefOf = (e: Element) => {
    const t = e.tagName.toLowerCase();
    return (t === 'a' || t === 'area') && e.hasAttribute('href')
      ? (absoluteUrl(e.getAttribute('href') ?? '', base) ?? '')
      : null;
  };
  const direct = hrefOf(el);
  if (direct !== null) return direct;
  for (const tag of ['a', 'area']) {
    const only = onlyOfType(el, tag);
    if (only) return hrefOf(only);
  }
  const inner = Array.from(el.children).length === 1 ? el.children[0]! : null;
  if (inner && !rootTypes(inner)) {
    for (const tag of ['a', 'area']) {
      const deep = onlyOfType(inner, tag);
      if (deep) return hrefOf(deep);
    }
  }
  return null;
}
