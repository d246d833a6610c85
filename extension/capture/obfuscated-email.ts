import { emailsInText } from './fields';
import { addEvidence, emptyFound, type Found } from './found';
import { pageRegions } from './page-regions';
import type { SourceContext } from './source-context';

/**
 * Emails written to fool harvesters: `name [at] example [dot] com`, `name(at)example(dot)com`,
 * `name at example dot com`, `name#example.cn` (often with a hint such as "请将#换成@"), and HTML entities
 * left visible as text (`name&#64;example.com`). Every pattern is anchored on fixed tokens with bounded
 * repetition, so the cost is linear in the text length whatever the page holds.
 */

const BRACKETED_AT = /\s{0,3}[[({<（【]\s{0,3}(?:at|@|艾特|圈a)\s{0,3}[\])}>）】]\s{0,3}/gi;
const BRACKETED_DOT = /\s{0,3}[[({<（【]\s{0,3}(?:dot|点|\.)\s{0,3}[\])}>）】]\s{0,3}/gi;
const SPELLED =
  /(?<![\w.])([A-Za-z0-9._%+-]{1,64}(?: (?:dot|DOT) [A-Za-z0-9_%+-]{1,64}){0,3}) (?:at|AT) ([A-Za-z0-9-]{1,63}(?: (?:dot|DOT) [A-Za-z0-9-]{1,63}){1,4})(?![\w])/g;
const HASH_HINT =
  /[#＃]\s{0,3}(?:号)?\s{0,3}(?:换成|替换为|替换成|改为|改成|换为|→|->|=>|变为)\s{0,3}[@＠]|replace\s{1,3}(?:the\s{1,3})?#\s{1,3}with\s{1,3}@/i;
const HASHED = /(?<![\w.#/])([A-Za-z0-9._%+-]{1,64})[#＃]([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4})(?![\w@])/g;
// Without a hint, `#` counts only before a domain ending in a common top-level domain (not `page.html#top`).
const COMMON_TLD = /\.(?:com|cn|net|org|edu|gov|io|co|hk|tw|jp|uk|de|biz|info|top|xyz)$/i;
const ENTITY = /&(?:#(\d{1,6})|#x([0-9a-f]{1,6})|(commat|period|#64|#46));?/gi;

/** The text with obfuscated addresses turned back into plain ones (other text unchanged). */
export function deobfuscate(text: string): string {
  let out = text
    .replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
      if (named) return named.toLowerCase() === 'commat' ? '@' : '.';
      const code = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
      return code === 64 ? '@' : code === 46 ? '.' : whole;
    })
    .replace(BRACKETED_AT, '@')
    .replace(BRACKETED_DOT, '.')
    .replace(
      SPELLED,
      (_, local: string, domain: string) =>
        `${local.replace(/ (?:dot|DOT) /g, '.')}@${domain.replace(/ (?:dot|DOT) /g, '.')}`,
    );
  const hinted = HASH_HINT.test(out);
  out = out.replace(HASHED, (whole, local: string, domain: string) =>
    hinted || COMMON_TLD.test(domain) ? `${local}@${domain}` : whole,
  );
  return out;
}

/** Addresses that appear in `text` only in obfuscated form. */
export function obfuscatedEmails(text: string): string[] {
  const plain = new Set(emailsInText(text));
  return emailsInText(deobfuscate(text)).filter((email) => !plain.has(email));
}

/** One candidate per obfuscated address in the page text (the merge step joins it to its person). */
export function extractObfuscatedEmails(doc: Document, ctx: SourceContext): Found[] {
  const results: Found[] = [];
  for (const { text, inFooter, position } of pageRegions(doc, ctx)) {
    const emails = obfuscatedEmails(text);
    if (emails.length === 0) continue;
    // Order by the line the address is on, like the labelled-text source, so page order survives the merge.
    const lines = deobfuscate(text).normalize('NFKC').toLowerCase().split('\n');
    for (const email of emails) {
      const line = Math.max(
        0,
        lines.findIndex((l) => l.includes(email)),
      );
      const found = emptyFound('person', position + line / 1e6, inFooter);
      found.approximate = true;
      found.emails.push(email);
      addEvidence(found, 'emails', 'text');
      results.push(found);
    }
  }
  return results;
}
