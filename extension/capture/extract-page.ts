import { registrableDomain } from '../../shared/normalise/domain';
import type { Candidate, EvidenceSource } from '../../shared/schema/candidate';
import { isRoleAddress } from './fields';
import { addEvidence, type EvidenceField, emptyFound, type Found, isEmptyCandidate, toCandidate } from './found';
import { pageRegion } from './page-region';
import { splitRoleAddresses } from './role-addresses';
import { sourceContext } from './source-context';
import { sources } from './sources';

export interface ExtractOptions {
  /** Region for phone numbers without a country code; default: the page's (see page-region.ts), else CN. */
  defaultRegion?: string;
  /** Cards read beforehand from the page's `.vcf` links (see `readVcardLinks`), by URL. */
  linked?: ReadonlyMap<string, readonly Found[]>;
  /**
   * Called when one source fails on a page; the other sources' findings are still returned. Defaults to a
   * console warning (stderr in the CLI, the page console in the content script).
   */
  onSourceError?: (source: string, error: unknown) => void;
}

/** What `leadcard extract` prints (DESIGN §9). */
export interface PageExtraction {
  contacts: Candidate[];
  organisation: Candidate | null;
}

// Which source wins a single-valued field when several disagree: structured data over text over metadata.
const RANK: Record<EvidenceSource, number> = {
  'json-ld': 0,
  microdata: 1,
  'h-card': 2,
  vcard: 3,
  text: 4,
  mailto: 5,
  tel: 6,
  signature: 7,
  'email-header': 8,
  meta: 9,
};
const SINGLE: Array<'name' | 'title' | 'org' | 'website' | 'address'> = ['name', 'title', 'org', 'website', 'address'];

/**
 * Every lead on the page and the page's own organisation. Runs each registered source, then judges: people
 * found by several sources merge into one (evidence per field), role mailboxes become `role-address`
 * candidates, the footer's and the organisation's numbers leave the people, and the organisation comes from
 * structured data, `og:site_name`, the footer, the title and finally the registrable domain.
 */
export function extractPage(doc: Document, url: string, options: ExtractOptions = {}): PageExtraction {
  const ctx = sourceContext(doc, url, { ...options, defaultRegion: options.defaultRegion ?? pageRegion(doc, url) });
  const found: Found[] = [];
  const report = options.onSourceError ?? ((name, error) => console.warn(`leadcard: source ${name} failed`, error));
  for (const [name, source] of Object.entries(sources)) {
    // A page can break one reader (a DOM quirk, an unforeseen shape); it must not cost the rep the others.
    try {
      found.push(...source(doc, ctx));
    } catch (error) {
      report(name, error);
    }
  }

  // A number labelled 传真/Fax anywhere on the page is nobody's phone, whichever source offered it.
  const faxes = new Set(found.flatMap((f) => f.faxes ?? []));
  for (const f of found) {
    if (f.phones.some((p) => faxes.has(p))) {
      f.phones = f.phones.filter((p) => !faxes.has(p));
      if (f.phones.length === 0) delete f.evidence.phones;
    }
  }
  // Numbers a named person on the page carries (their block's tel: link, their labelled mobile) stay theirs.
  const personal = new Set(found.filter((p) => p.kind === 'person' && p.name && !p.inFooter).flatMap((p) => p.phones));
  // A bare number block (no name, no company) that repeats a person's number is that person's, not the company's.
  for (const f of found) {
    if (f.kind === 'organisation' && !f.name && !f.org && !f.inFooter && f.phones.length > 0) {
      if (f.phones.every((ph) => personal.has(ph))) f.kind = 'person';
    }
  }
  const orgParts = found.filter((f) => f.kind === 'organisation');
  const people = found.filter((f) => f.kind !== 'organisation');
  // The footer's contact data and lone numbers (a "call us" link) are the organisation's, not a person's.
  for (const p of people) {
    const lone = p.emails.length === 0 && p.phones.length > 0 && p.phones.every((ph) => !personal.has(ph));
    if (!p.name && ((p.inFooter && p.phones.length > 0) || lone)) {
      orgParts.push({
        ...p,
        kind: 'organisation',
        emails: p.inFooter ? [...p.emails] : [],
        phones: [...p.phones],
        evidence: structuredClone(p.evidence),
      });
      p.phones = [];
      delete p.evidence.phones;
    }
  }
  const organisation = pageOrganisation(orgParts, url);
  const orgPhones = new Set(organisation?.phones ?? []);
  for (const p of people) {
    if (p.phones.some((ph) => orgPhones.has(ph))) {
      p.phones = p.phones.filter((ph) => !orgPhones.has(ph));
      if (p.phones.length === 0) delete p.evidence.phones;
    }
  }

  // The organisation's own role mailboxes (a 客服邮箱 line, a ContactPoint's email) are listed as role addresses too.
  const deskEmails = (organisation?.emails ?? []).filter((e) => isRoleAddress(e));
  if (organisation && deskEmails.length > 0) {
    const desk = emptyFound('role-address', organisation.position, organisation.inFooter);
    desk.emails = deskEmails;
    desk.evidence.emails = [...(organisation.evidence.emails ?? [])];
    people.push(desk);
  }
  const merged = splitRoleAddresses(mergePeople(people.filter((p) => !isEmptyCandidate(p))));
  // A bare name (no title, no way to reach them) is not a lead: it is usually a byline or an alias.
  const contacts = merged.filter((c) => c.emails.length > 0 || c.phones.length > 0 || (c.name && c.title));
  // A name guessed from the domain alone is not worth copying onto people.
  const named = organisation?.name && organisation.name !== domainOf(url);
  for (const c of contacts) {
    if (!c.org && named && organisation?.name) {
      c.org = organisation.name;
      for (const s of organisation.evidence.name ?? []) addEvidence(c, 'org', s);
    }
  }
  const order = (c: Found) => (c.kind === 'role-address' ? 1 : 0);
  contacts.sort((a, b) => order(a) - order(b) || a.position - b.position);
  return { contacts: contacts.map(toCandidate), organisation: organisation ? toCandidate(organisation) : null };
}

/** The page's organisation: the parts merged, the best-ranked source first; the domain when nothing names it. */
function pageOrganisation(parts: Found[], url: string): Found | null {
  const ranked = [...parts].sort((a, b) => rankOf(a) - rankOf(b));
  const org = ranked.length > 0 ? mergeInto(emptyFound('organisation'), ranked) : emptyFound('organisation');
  org.kind = 'organisation';
  org.title = null;
  delete org.evidence.title;
  if (!org.name && org.org) {
    org.name = org.org;
    org.evidence.name = org.evidence.org ?? [];
  }
  org.org = null;
  delete org.evidence.org;
  if (!org.name) {
    const domain = domainOf(url);
    if (domain) {
      org.name = domain;
      org.evidence.name = ['meta'];
    }
  }
  return isEmptyCandidate(org) ? null : org;
}

function domainOf(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host ? registrableDomain(host) : null;
  } catch {
    return null;
  }
}

function rankOf(f: Found): number {
  const sources = Object.values(f.evidence).flat();
  return sources.length > 0 ? Math.min(...sources.map((s) => RANK[s])) : 99;
}

/** Folds `parts` into `target`: single fields from the first part that has them, lists united, evidence united. */
function mergeInto(target: Found, parts: Found[]): Found {
  // Page order comes from element-anchored parts when there are any (text regions only know their region).
  // Among text-only parts, the named one knows its line; a bare address found anywhere in the text does not.
  const anchored = parts.filter((p) => !p.approximate);
  const named = parts.filter((p) => p.name);
  const placed = anchored.length > 0 ? anchored : named.length > 0 ? named : parts;
  target.position = Math.min(...placed.map((p) => p.position));
  target.approximate = anchored.length === 0;
  target.inFooter = parts.every((p) => p.inFooter);
  for (const field of SINGLE) {
    for (const p of [...parts].sort((a, b) => fieldRank(a, field) - fieldRank(b, field))) {
      if (!p[field]) continue;
      if (!target[field]) target[field] = p[field];
      if (p[field] === target[field]) for (const s of p.evidence[field] ?? []) addEvidence(target, field, s);
    }
  }
  for (const field of ['emails', 'phones'] as const) {
    for (const p of parts) {
      for (const v of p[field]) if (!target[field].includes(v)) target[field].push(v);
      for (const s of p.evidence[field] ?? []) addEvidence(target, field, s);
    }
  }
  if (parts.some((p) => p.kind === 'person')) target.kind = 'person';
  else target.kind = parts[0]?.kind ?? target.kind;
  return target;
}

function fieldRank(f: Found, field: EvidenceField): number {
  const s = f.evidence[field] ?? [];
  return s.length > 0 ? Math.min(...s.map((x) => RANK[x])) : 99;
}

const sameName = (a: string, b: string) =>
  a.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase() === b.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase();

/**
 * One candidate per person: named candidates join when their names match, or when they share an email or a phone
 * and neither names someone else; a nameless candidate joins the one person it shares an address or number with
 * (shared with several, those values are theirs and the rest stands alone).
 */
function mergePeople(list: Found[]): Found[] {
  const groups: Found[][] = [];
  const shares = (a: Found, b: Found) =>
    a.emails.some((e) => b.emails.includes(e)) || a.phones.some((p) => b.phones.includes(p));
  const named = list.filter((f) => f.name);
  const nameless = list.filter((f) => !f.name);
  for (const f of named) {
    const group = groups.find((g) =>
      g.some(
        (m) => sameName(m.name!, f.name!) || (shares(m, f) && g.every((x) => !x.name || sameName(x.name, f.name!))),
      ),
    );
    if (group) group.push(f);
    else groups.push([f]);
  }
  const union = (g: Found[]) => mergeInto(emptyFound(), g);
  const people = groups.map(union);
  const loose: Found[][] = [];
  for (const f of nameless) {
    const owners = people.filter((p) => shares(p, f));
    if (owners.length === 1) {
      const owner = owners[0]!;
      Object.assign(owner, mergeInto(emptyFound(), [owner, f]));
      continue;
    }
    if (owners.length > 1) {
      f.emails = f.emails.filter((e) => !owners.some((o) => o.emails.includes(e)));
      f.phones = f.phones.filter((p) => !owners.some((o) => o.phones.includes(p)));
      if (f.emails.length === 0) delete f.evidence.emails;
      if (f.phones.length === 0) delete f.evidence.phones;
      if (isEmptyCandidate(f)) continue;
    }
    const group = loose.find((g) => g.some((m) => shares(m, f)));
    if (group) group.push(f);
    else loose.push([f]);
  }
  return [...people, ...loose.map(union)];
}
