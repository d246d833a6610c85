import type { Found } from './found';
import { candidatesFromSchemaOrg } from './schema-org';
import type { SourceContext } from './source-context';

/**
 * JSON-LD blocks (`<script type="application/ld+json">`). Pages ship broken JSON — comments, raw control
 * characters, trailing commas, HTML comments around the JSON (extruct's `custom.invalid` cases) — so a block
 * that fails strict parsing is repaired once and, if still broken, skipped without affecting the others.
 */
export function extractJsonLd(doc: Document, ctx: SourceContext): Found[] {
  const out: Found[] = [];
  for (const script of Array.from(doc.querySelectorAll('script')).slice(0, 200)) {
    const type = (script.getAttribute('type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/ld+json') continue;
    const data = parseJsonLd(script.textContent ?? '');
    if (data === undefined) continue;
    out.push(
      ...candidatesFromSchemaOrg([data], {
        source: 'json-ld',
        position: ctx.position(script),
        region: ctx.defaultRegion,
        base: ctx.url,
      }),
    );
  }
  return out;
}

/** Parsed JSON-LD (an object or array), or undefined when the block cannot be read even after repair. */
export function parseJsonLd(text: string): unknown {
  // 1 MB per block is far beyond any real page's structured data.
  if (text.length > 1_000_000) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      data = JSON.parse(repairJson(text));
    } catch {
      return undefined;
    }
  }
  // `null`, `false`, numbers: an empty block, not structured data.
  return data !== null && typeof data === 'object' ? data : undefined;
}

/** Removes what breaks strict JSON on real pages; string contents are left alone except control characters. */
export function repairJson(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  // Hand-written scanner rather than regexes: comments and strings must be told apart, in linear time.
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      let s = '"';
      while (j < n && text[j] !== '"') {
        const c = text[j]!;
        if (c === '\\' && j + 1 < n) {
          s += c + text[j + 1];
          j += 2;
          continue;
        }
        // Raw newlines and tabs inside strings: JSON forbids them, browsers' authors type them.
        s += c < ' ' ? (c === '\n' ? '\\n' : c === '\t' ? '\\t' : ' ') : c;
        j++;
      }
      out += `${s}"`;
      i = j + 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (text.startsWith('<!--', i)) {
      // An HTML comment around or inside the block (outside strings): drop it whole.
      const end = text.indexOf('-->', i + 4);
      i = end < 0 ? i + 4 : end + 3;
    } else if (text.startsWith('-->', i)) {
      i += 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      i += 9;
    } else if (text.startsWith(']]>', i)) {
      i += 3;
    } else {
      out += ch < ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t' ? ' ' : ch;
      i++;
    }
  }
  // Trailing commas before } or ], and a trailing semicolon after the value.
  return out.replace(/,(\s*[}\]])/g, '$1').replace(/;\s*$/, '');
}
