import type { Found } from './found';
import { textValue } from './microformats';
import { candidatesFromSchemaOrg, type SchemaNode } from './schema-org';
import { absoluteUrl, type SourceContext } from './source-context';

/**
 * HTML microdata (`itemscope` / `itemtype` / `itemprop` / `itemref`, WHATWG HTML §5) read into schema.org nodes,
 * then into candidates by the same reader as JSON-LD.
 */
export function extractMicrodata(doc: Document, ctx: SourceContext): Found[] {
  const out: Found[] = [];
  // Top-level items only: nested ones are read as property values of their parent.
  for (const el of Array.from(doc.querySelectorAll('[itemscope]')).slice(0, 2000)) {
    if (el.hasAttribute('itemprop')) continue;
    const node = microdataItem(el, doc, ctx.url, new Set());
    out.push(
      ...candidatesFromSchemaOrg([node], {
        source: 'microdata',
        position: ctx.position(el),
        region: ctx.defaultRegion,
        base: ctx.url,
      }),
    );
  }
  return out;
}

/** One microdata item as a schema.org node: `@type` from `itemtype`, each `itemprop` as a list of values. */
export function microdataItem(scope: Element, doc: Document, base: string, visiting: Set<Element>): SchemaNode {
  visiting.add(scope);
  const node: SchemaNode = { '@type': (scope.getAttribute('itemtype') ?? '').trim().split(/\s+/).filter(Boolean) };
  const id = scope.getAttribute('itemid');
  if (id) node['@id'] = id;
  const roots: Element[] = [...Array.from(scope.children)];
  for (const ref of (scope.getAttribute('itemref') ?? '').trim().split(/\s+/).filter(Boolean)) {
    const target = doc.getElementById(ref);
    if (target) roots.push(target);
  }
  // Breadth-first over the scope's subtree, not entering nested items; bounded for hostile pages.
  const queue = roots;
  for (let head = 0; head < queue.length && head < 20_000; head++) {
    const el = queue[head]!;
    const props = (el.getAttribute('itemprop') ?? '').trim().split(/\s+/).filter(Boolean);
    const nested = el.hasAttribute('itemscope');
    if (props.length > 0) {
      const value =
        nested && !visiting.has(el) ? microdataItem(el, doc, base, visiting) : nested ? null : propertyValue(el, base);
      if (value !== null) {
        for (const prop of props) {
          // Absolute property names (http://schema.org/name) count as their short form.
          const key = prop.replace(/^https?:\/\/schema\.org\//, '');
          const list = (node[key] as unknown[] | undefined) ?? [];
          list.push(value);
          node[key] = list;
        }
      }
    }
    if (!nested) queue.push(...Array.from(el.children));
  }
  visiting.delete(scope);
  return node;
}

/** The value of an `itemprop` element by the HTML rules (meta content, link href, time datetime, text …). */
function propertyValue(el: Element, base: string): string {
  const tag = el.tagName.toLowerCase();
  const attr = (name: string) => el.getAttribute(name) ?? '';
  const url = (name: string) => absoluteUrl(attr(name), base) ?? '';
  // Pages (and Google's structured-data guide) put `content` on any element: `<span itemprop="price" content="13.00">`.
  if (el.hasAttribute('content')) return attr('content');
  switch (tag) {
    case 'meta':
      return attr('content');
    case 'audio':
    case 'embed':
    case 'iframe':
    case 'img':
    case 'source':
    case 'track':
    case 'video':
      return url('src');
    case 'a':
    case 'area':
    case 'link':
      // mailto:/tel: values keep their scheme; the field readers strip it.
      return /^(?:mailto|tel):/i.test(attr('href').trim()) ? attr('href').trim() : url('href');
    case 'object':
      return url('data');
    case 'data':
    case 'meter':
      return attr('value');
    case 'time':
      return el.hasAttribute('datetime') ? attr('datetime') : (el.textContent ?? '');
    default:
      // Text without <script>/<style> contents (W3C microdata "unclean" strings).
      return textValue(el);
  }
}
