import { emailFrom, phonesFrom } from './fields';
import { addEvidence, type Found } from './found';
import { foundInText, looksLikeName } from './labelled-text';
import { mailtoAddresses } from './mailto-tel';
import { pageText } from './page-text';
import type { SourceContext } from './source-context';

/**
 * Team pages (团队 / Our team / 联系人列表): a container whose children repeat one shape (same tag and classes),
 * at least three of them headed by a person's name. Each block becomes one person, in page order, read like a
 * signature block (name, title, phones, emails), its name taken from the block's heading.
 */
export function extractTeamBlocks(doc: Document, ctx: SourceContext): Found[] {
  const out: Found[] = [];
  const used = new Set<Element>();
  const all = Array.from(doc.body?.querySelectorAll('*') ?? []).slice(0, 50_000);
  for (const container of all) {
    if (used.has(container)) continue;
    const kids = Array.from(container.children);
    if (kids.length < 3 || kids.length > 500) continue;
    const groups = new Map<string, Element[]>();
    for (const k of kids) {
      const key = `${k.tagName}.${(k.getAttribute('class') ?? '').trim().split(/\s+/).sort().join('.')}`;
      const list = groups.get(key) ?? [];
      list.push(k);
      groups.set(key, list);
    }
    for (const blocks of groups.values()) {
      if (blocks.length < 3) continue;
      const named = blocks.map((b) => ({ block: b, name: blockName(b) })).filter((x) => x.name !== null);
      if (named.length < 3) continue;
      for (const { block, name } of named) {
        const found = readBlock(block, name!, ctx);
        if (found) out.push(found);
      }
      for (const el of container.querySelectorAll('*')) used.add(el);
    }
  }
  return out;
}

/** The name heading a block: its first heading, `strong`/`b`, or an element whose class says "name". */
function blockName(block: Element): string | null {
  const heading = block.querySelector('h1, h2, h3, h4, h5, h6, [class*="name" i], strong, b, dt');
  const text = (heading?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text && looksLikeName(text) ? text : null;
}

function readBlock(block: Element, name: string, ctx: SourceContext): Found | null {
  const text = pageText(block, { maxChars: 5000 });
  const drafts = foundInText(text, { defaultRegion: ctx.defaultRegion, unlabelled: true });
  const found = drafts.find((d) => d.found.kind === 'person')?.found ?? drafts[0]?.found;
  if (!found) return null;
  found.kind = 'person';
  found.position = ctx.position(block);
  found.inFooter = ctx.inFooter(block);
  if (found.name !== name) {
    // The heading is the name; a first line mistaken for one was probably the title.
    if (found.name && !found.title) {
      found.title = found.name;
      found.evidence.title = ['text'];
    }
    found.name = name;
    found.evidence.name = ['text'];
  }
  for (const a of Array.from(block.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (/^mailto:/i.test(href)) {
      for (const email of mailtoAddresses(href)) {
        if (!found.emails.includes(email)) found.emails.push(email);
        addEvidence(found, 'emails', 'mailto');
      }
    } else if (/^tel:/i.test(href)) {
      for (const phone of phonesFrom(href, ctx.defaultRegion)) {
        if (!found.phones.includes(phone)) found.phones.push(phone);
        addEvidence(found, 'phones', 'tel');
      }
    }
  }
  found.emails = found.emails.filter((e) => emailFrom(e) !== null);
  return found;
}
