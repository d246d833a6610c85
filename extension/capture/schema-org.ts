import type { EvidenceSource } from '../../shared/schema/candidate';
import { cleanText, emailFrom, phonesFrom, websiteFrom } from './fields';
import { addEvidence, emptyFound, type Found } from './found';
import { absoluteUrl } from './source-context';

/**
 * schema.org Person / Organization (and its subtypes: Corporation, LocalBusiness, stores, restaurants …) /
 * ContactPoint as candidates. JSON-LD gives these objects directly; microdata items are converted to the same
 * shape first, so both sources share one reading of the vocabulary.
 */

/** A schema.org node: `@type` plus properties, values possibly arrays or nested nodes. */
export type SchemaNode = { [key: string]: unknown };

const PERSON = /^(?:https?:\/\/schema\.org\/)?Person$/i;
// Organization and the subtypes pages use for companies (LocalBusiness has ~150 subtypes; match the families).
const ORGANISATION =
  /^(?:https?:\/\/schema\.org\/)?(?:Organi[sz]ation|Corporation|LocalBusiness|\w*Business|\w*Organization|NGO|Airline|Consortium|\w*Store|Restaurant|Hotel|\w*Agency|\w*Office|\w*Clinic|Hospital|Dentist|Physician|Attorney|Notary|Bank\w*|\w*Company|Brand|Project|Place)$/i;
const CONTACT_POINT = /^(?:https?:\/\/schema\.org\/)?(?:ContactPoint|PostalAddress)$/i;

const MAX_DEPTH = 12;

export function typesOf(node: SchemaNode): string[] {
  const t = node['@type'] ?? node.type;
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

const isPerson = (n: SchemaNode) => typesOf(n).some((t) => PERSON.test(t));
const isOrganisation = (n: SchemaNode) =>
  !isPerson(n) && typesOf(n).some((t) => ORGANISATION.test(t) && !CONTACT_POINT.test(t));

/** All values of a property, flattened (`@list`, `@set`, single values). */
export function values(node: SchemaNode, key: string): unknown[] {
  const v = node[key] ?? node[`http://schema.org/${key}`] ?? node[`https://schema.org/${key}`];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.flatMap((x) =>
    x && typeof x === 'object' && ('@list' in x || '@set' in x)
      ? (((x as SchemaNode)['@list'] ?? (x as SchemaNode)['@set']) as unknown[])
      : [x],
  );
}

/** A value as text: strings, numbers, `{ "@value" }`, or a node's `name`. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as SchemaNode;
    if ('@value' in o) return textOf(o['@value']);
    const name = values(o, 'name')[0];
    if (name !== undefined) return textOf(name);
  }
  return null;
}

function firstText(node: SchemaNode, key: string, max: number): string | null {
  for (const v of values(node, key)) {
    const text = cleanText(textOf(v), max);
    if (text) return text;
  }
  return null;
}

/** A PostalAddress (or a plain string) as one line; Chinese addresses run from country to street, unspaced. */
export function addressText(v: unknown): string | null {
  if (typeof v === 'string') return cleanText(v, 300);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const a = v as SchemaNode;
  const part = (k: string) => cleanText(textOf(values(a, k)[0]), 200);
  const parts = ['streetAddress', 'addressLocality', 'addressRegion', 'postalCode', 'addressCountry']
    .map(part)
    .filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  const chinese = parts.filter((p) => /\p{Script=Han}/u.test(p)).length >= Math.ceil(parts.length / 2);
  if (chinese) {
    const [street, locality, region, postcode, country] = [
      'streetAddress',
      'addressLocality',
      'addressRegion',
      'postalCode',
      'addressCountry',
    ].map(part);
    return cleanText(
      [country, region, locality, street].filter(Boolean).join('') + (postcode ? ` ${postcode}` : ''),
      300,
    );
  }
  return cleanText(parts.join(', '), 300);
}

interface Reader {
  source: EvidenceSource;
  position: number;
  region: string;
  base: string;
  byId: ReadonlyMap<string, SchemaNode>;
  out: Found[];
  seen: Set<SchemaNode>;
}

/** Candidates from one or more schema.org nodes (nested people and organisations included). */
export function candidatesFromSchemaOrg(
  roots: unknown[],
  options: { source: EvidenceSource; position: number; region: string; base: string },
): Found[] {
  const byId = new Map<string, SchemaNode>();
  const all: SchemaNode[] = [];
  collect(roots, all, 0);
  for (const n of all) if (typeof n['@id'] === 'string' && Object.keys(n).length > 1) byId.set(n['@id'], n);
  const reader: Reader = { ...options, byId, out: [], seen: new Set() };
  for (const n of all) read(reader, n, null, 0);
  return reader.out;
}

/** Flattens arrays and `@graph` into the list of nodes (nested nodes stay inside their parents). */
function collect(v: unknown, out: SchemaNode[], depth: number): void {
  if (depth > MAX_DEPTH || !v || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 1000)) collect(x, out, depth + 1);
    return;
  }
  const node = v as SchemaNode;
  if (node['@graph'] !== undefined) collect(node['@graph'], out, depth + 1);
  if (typesOf(node).length > 0) out.push(node);
}

function resolve(r: Reader, v: unknown): SchemaNode | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const node = v as SchemaNode;
  if (typeof node['@id'] === 'string' && Object.keys(node).length === 1) return r.byId.get(node['@id']) ?? null;
  return node;
}

/** Reads a Person or an organisation into a candidate; `employer` is the organisation it was nested in. */
function read(r: Reader, node: SchemaNode, employer: string | null, depth: number): Found | null {
  if (depth > MAX_DEPTH || r.seen.has(node)) return null;
  const person = isPerson(node);
  if (!person && !isOrganisation(node)) return null;
  r.seen.add(node);
  const f = emptyFound(person ? 'person' : 'organisation', r.position);
  const set = (field: 'name' | 'title' | 'org' | 'website' | 'address', value: string | null) => {
    if (!value || f[field]) return;
    f[field] = value;
    addEvidence(f, field, r.source);
  };
  let name = firstText(node, 'name', 200) ?? firstText(node, 'legalName', 200);
  if (!name && person) {
    const given = firstText(node, 'givenName', 100);
    const family = firstText(node, 'familyName', 100);
    if (given || family) {
      // 张 + 三 → 张三; John + Smith → John Smith.
      const han = /\p{Script=Han}/u.test(`${given ?? ''}${family ?? ''}`);
      name = han ? `${family ?? ''}${given ?? ''}` : [given, family].filter(Boolean).join(' ');
    }
  }
  set('name', name);
  if (person) set('title', firstText(node, 'jobTitle', 200) ?? firstText(node, 'roleName', 200));
  for (const v of values(node, 'email')) addEmail(f, textOf(v), r.source);
  for (const v of values(node, 'telephone')) addPhones(f, textOf(v), r);
  for (const v of values(node, 'url')) set('website', websiteFrom(absoluteUrl(textOf(v) ?? '', r.base) ?? ''));
  for (const v of values(node, 'address')) set('address', addressText(resolve(r, v) ?? v));
  if (person) {
    for (const v of [...values(node, 'worksFor'), ...values(node, 'affiliation'), ...values(node, 'memberOf')]) {
      const org = resolve(r, v);
      const orgName = org ? textOf(org) : textOf(v);
      set('org', cleanText(orgName, 300));
      if (org) read(r, org, null, depth + 1);
    }
    set('org', employer);
  }
  for (const v of values(node, 'contactPoint')) {
    const point = resolve(r, v);
    if (!point) continue;
    if (isPerson(point)) {
      read(r, point, person ? null : name, depth + 1);
      continue;
    }
    // A ContactPoint (sales, customer service …) is a way to reach this organisation, not a person.
    for (const e of values(point, 'email')) addEmail(f, textOf(e), r.source);
    for (const t of values(point, 'telephone')) addPhones(f, textOf(t), r);
  }
  if (!person) {
    for (const key of ['employee', 'employees', 'member', 'members', 'founder', 'founders', 'alumni']) {
      for (const v of values(node, key)) {
        const child = resolve(r, v);
        if (child) read(r, child, name, depth + 1);
      }
    }
  }
  r.out.push(f);
  return f;
}

function addEmail(f: Found, raw: string | null, source: EvidenceSource): void {
  const email = raw ? emailFrom(raw) : null;
  if (!email) return;
  if (!f.emails.includes(email)) f.emails.push(email);
  addEvidence(f, 'emails', source);
}

function addPhones(f: Found, raw: string | null, r: Reader): void {
  if (!raw) return;
  for (const phone of phonesFrom(raw, r.region)) {
    if (!f.phones.includes(phone)) f.phones.push(phone);
    addEvidence(f, 'phones', r.source);
  }
}
