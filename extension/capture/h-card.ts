import type { EvidenceSource } from '../../shared/schema/candidate';
import { cleanText, emailFrom, phonesFrom, websiteFrom } from './fields';
import { addEvidence, emptyFound, type Found } from './found';
import { itemElements, type Mf2Item, type Mf2Value, parseMicroformats } from './microformats';
import type { SourceContext } from './source-context';

/** h-card and classic hCard (`vcard`) people and organisations, through the mf2 reader in microformats.ts. */
export function extractHCard(doc: Document, ctx: SourceContext): Found[] {
  const out: Found[] = [];
  const visit = (item: Mf2Item, parentOrg: string | null, depth: number) => {
    if (depth > 16) return;
    let org = parentOrg;
    if (item.type.includes('h-card')) {
      const el = itemElements.get(item);
      const found = candidateFromHCard(item, {
        source: 'h-card',
        region: ctx.defaultRegion,
        position: el ? ctx.position(el) : 0,
        inFooter: el ? ctx.inFooter(el) : false,
      });
      if (found && !found.org && parentOrg) {
        found.org = parentOrg;
        addEvidence(found, 'org', 'h-card');
      }
      if (found) out.push(found);
      if (found?.kind === 'organisation') org = found.name;
    }
    // People nested in other microformats (an h-entry's author, an h-card's team): every property value that is
    // an h-card, except the card's own org (already its `org`).
    for (const [name, list] of Object.entries(item.properties)) {
      if (item.type.includes('h-card') && name === 'org') continue;
      for (const v of list) if (isItem(v)) visit(v, org, depth + 1);
    }
    for (const child of item.children ?? []) visit(child, org, depth + 1);
  };
  for (const item of parseMicroformats(doc, ctx.url)) visit(item, null, 0);
  return out;
}

function isItem(v: Mf2Value): v is Mf2Item {
  return typeof v === 'object' && 'type' in v && Array.isArray(v.type);
}

/** A property value as text: strings, `{ value }`, nested items' `value`. */
export function mf2Text(v: Mf2Value | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return v;
  return typeof v.value === 'string' ? v.value : null;
}

/** An address from an `adr` value (h-adr or text) or from address parts written on the card itself. */
export function mf2Address(props: Record<string, Mf2Value[]>): string | null {
  const adr = props.adr?.[0];
  const parts = (p: Record<string, Mf2Value[]>) =>
    ['post-office-box', 'extended-address', 'street-address', 'locality', 'region', 'postal-code', 'country-name']
      .map((k) => cleanText(mf2Text(p[k]?.[0]), 200))
      .filter((x): x is string => x !== null);
  if (adr && isItem(adr)) {
    const list = parts(adr.properties);
    if (list.length > 0) return cleanText(list.join(', '), 300);
    return cleanText(mf2Text(adr.properties.name?.[0]) ?? adr.value ?? null, 300);
  }
  if (adr !== undefined) return cleanText(mf2Text(adr), 300);
  const own = parts(props);
  return own.length > 0 ? cleanText(own.join(', '), 300) : null;
}

/** One h-card as a candidate; null when it carries nothing usable. */
export function candidateFromHCard(
  item: Mf2Item,
  at: { source: EvidenceSource; region: string; position: number; inFooter: boolean },
): Found | null {
  const p = item.properties;
  const f = emptyFound('person', at.position, at.inFooter);
  const set = (field: 'name' | 'title' | 'org' | 'website' | 'address', value: string | null) => {
    if (!value || f[field]) return;
    f[field] = value;
    addEvidence(f, field, at.source);
  };
  set('name', cleanText(mf2Text(p.name?.[0]), 200));
  set('org', cleanText(mf2Text(p.org?.[0]) ?? mf2Text(p['organization-name']?.[0]), 300));
  set('title', cleanText(mf2Text(p['job-title']?.[0]) ?? mf2Text(p.role?.[0]), 200));
  for (const v of p.email ?? []) {
    const email = emailFrom(mf2Text(v) ?? '');
    if (email && !f.emails.includes(email)) {
      f.emails.push(email);
      addEvidence(f, 'emails', at.source);
    }
  }
  for (const v of p.tel ?? []) {
    for (const phone of phonesFrom(mf2Text(v) ?? '', at.region)) {
      if (!f.phones.includes(phone)) f.phones.push(phone);
      addEvidence(f, 'phones', at.source);
    }
  }
  set('website', websiteFrom(mf2Text(p.url?.[0]) ?? ''));
  set('address', mf2Address(p));
  // The mf2 convention for an organisation's card: its name is also its org (`class="p-name p-org"`).
  if (f.name && f.org && f.name === f.org) {
    f.kind = 'organisation';
  }
  if (!f.name && !f.emails.length && !f.phones.length && !f.org) return null;
  return f;
}
