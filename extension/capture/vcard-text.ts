import ICAL from 'ical.js';
import { cleanText, emailFrom, phonesFrom, websiteFrom } from './fields';
import { addEvidence, emptyFound, type Found } from './found';

/**
 * vCard text (2.1, 3.0, 4.0) as candidates, parsed with ical.js (RFC 6350). vCard 2.1 — still what many phones
 * and Chinese CRMs export — writes bare parameters (`TEL;WORK;VOICE:`) and quoted-printable values, which
 * ical.js rejects, so those lines are rewritten to the 3.0 spelling first.
 */
export function candidatesFromVcard(text: string, region: string, position = 0, inFooter = false): Found[] {
  const out: Found[] = [];
  for (const card of splitCards(text).slice(0, 100)) {
    let parsed: unknown;
    try {
      parsed = ICAL.parse(upgradeVcard21(card));
    } catch {
      continue; // one broken card does not hide the others
    }
    const comps = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) ?? [];
    for (const jcard of comps) {
      const found = fromComponent(new ICAL.Component(jcard as unknown[]), region, position, inFooter);
      if (found) out.push(found);
    }
  }
  return out;
}

function splitCards(text: string): string[] {
  const cards: string[] = [];
  const re = /BEGIN:VCARD[\s\S]*?END:VCARD/gi;
  for (const m of text.slice(0, 1_000_000).matchAll(re)) cards.push(m[0]);
  return cards;
}

/** Rewrites vCard 2.1 bare parameters and quoted-printable values to what a 3.0 parser reads. */
export function upgradeVcard21(card: string): string {
  const lines = card.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon < 0) {
      out.push(line);
      continue;
    }
    let head = line.slice(0, colon);
    let value = line.slice(colon + 1);
    if (/ENCODING=QUOTED-PRINTABLE/i.test(head)) {
      // Soft line breaks: a value line ending in `=` continues on the next.
      while (value.endsWith('=') && i + 1 < lines.length) value = value.slice(0, -1) + lines[++i];
      const charset = /CHARSET=([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
      value = decodeQuotedPrintable(value, charset).replace(/\r?\n/g, '\\n');
      head = head.replace(/;ENCODING=QUOTED-PRINTABLE/i, '').replace(/;CHARSET=[\w-]+/i, '');
    }
    head = head
      .split(';')
      .map((part, k) => (k === 0 || part.includes('=') ? part : `TYPE=${part}`))
      .join(';');
    line = `${head}:${value}`;
    out.push(line);
  }
  return out.join('\r\n');
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(c));
  }
  try {
    // GB-family labels decode with gb18030, the superset that covers what gb2312/GBK-labelled data really holds.
    const label = /^(?:gb2312|gbk|gb18030)$/i.test(charset) ? 'gb18030' : charset;
    return new TextDecoder(label).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder().decode(new Uint8Array(bytes));
  }
}

function fromComponent(
  comp: InstanceType<typeof ICAL.Component>,
  region: string,
  position: number,
  inFooter: boolean,
): Found | null {
  const f = emptyFound('person', position, inFooter);
  const first = (name: string): string | null => {
    const v = comp.getFirstPropertyValue(name) as unknown;
    if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' && x).join(' ') || null;
    return typeof v === 'string' ? v : null;
  };
  const set = (field: 'name' | 'title' | 'org' | 'website' | 'address', value: string | null) => {
    if (!value || f[field]) return;
    f[field] = value;
    addEvidence(f, field, 'vcard');
  };
  set('name', cleanText(first('fn'), 200));
  if (!f.name) {
    const n = comp.getFirstPropertyValue('n') as unknown;
    if (Array.isArray(n)) {
      const [family, given] = n as string[];
      const han = /\p{Script=Han}/u.test(`${family ?? ''}${given ?? ''}`);
      set('name', cleanText(han ? `${family ?? ''}${given ?? ''}` : `${given ?? ''} ${family ?? ''}`, 200));
    }
  }
  const org = comp.getFirstPropertyValue('org') as unknown;
  set(
    'org',
    cleanText(Array.isArray(org) ? String(org[0] ?? '') : typeof org === 'string' ? org.split(';')[0]! : null, 300),
  );
  set('title', cleanText(first('title') ?? first('role'), 200));
  for (const p of comp.getAllProperties('email')) {
    const email = emailFrom(String(p.getFirstValue() ?? ''));
    if (email && !f.emails.includes(email)) {
      f.emails.push(email);
      addEvidence(f, 'emails', 'vcard');
    }
  }
  for (const p of comp.getAllProperties('tel')) {
    const types = String(p.getParameter('type') ?? '').toLowerCase();
    if (types.includes('fax')) continue; // a fax number is not a way to reach the person
    for (const phone of phonesFrom(String(p.getFirstValue() ?? ''), region)) {
      if (!f.phones.includes(phone)) f.phones.push(phone);
      addEvidence(f, 'phones', 'vcard');
    }
  }
  set('website', websiteFrom(first('url') ?? ''));
  const adr = comp.getFirstPropertyValue('adr') as unknown;
  if (Array.isArray(adr)) {
    const [pobox, ext, street, locality, regionName, postcode, country] = (adr as unknown[]).map((x) =>
      Array.isArray(x) ? x.join(' ') : typeof x === 'string' ? x : '',
    );
    const parts = [pobox, ext, street, locality, regionName, postcode, country].filter((x): x is string => !!x);
    const han = parts.some((x) => /\p{Script=Han}/u.test(x));
    set(
      'address',
      cleanText(
        han
          ? [country, regionName, locality, street, ext].filter(Boolean).join('') + (postcode ? ` ${postcode}` : '')
          : parts.join(', '),
        300,
      ),
    );
  }
  if (!f.name && f.org) f.kind = 'organisation';
  return f.name || f.org || f.emails.length || f.phones.length ? f : null;
}
