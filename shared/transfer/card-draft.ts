import ICAL from 'ical.js';
import { isFreeMailDomain, registrableDomain } from '../normalise/domain';
import { normaliseEmail } from '../normalise/email';
import { normalisePhoneString } from '../normalise/phone';
import { accountFields, contactFields } from '../schema/entities';
import { describeZodError } from '../schema/errors';
import { mapHeader } from './columns';

/** One customer as a file row gives it: the account's fields and, when the row names a person, one contact. */
export interface CardDraft {
  line: number;
  account: Record<string, unknown>;
  contact: Record<string, unknown> | null;
}

/** A row read into a draft, or the reason it cannot be (`line`: the file's line, the CSV header being line 1). */
export type DraftResult = { ok: true; draft: CardDraft } | { ok: false; line: number; message: string };

const split = (value: string) =>
  value
    // `;ext=801` belongs to a phone number (RFC 3966), not a list separator.
    .split(/[,，；、\n]|;(?!ext=)/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Turns one row (already keyed by card field) into a validated draft, or a message naming the bad field. */
export function draftFromValues(line: number, values: Record<string, string>): DraftResult {
  const v = (field: string) => values[field]?.trim() || undefined;
  const emails = split(v('emails') ?? '').map((e) => normaliseEmail(e) ?? e);
  const phones = split(v('phones') ?? '').map((p) => normalisePhoneString(p) ?? p);
  const companyPhones = split(v('companyPhones') ?? '').map((p) => normalisePhoneString(p) ?? p);
  const website = v('website');
  const domains = new Set(split(v('domains') ?? '').map((d) => registrableDomain(d) ?? d));
  if (website) {
    const domain = registrableDomain(website);
    if (domain) domains.add(domain);
  }
  // A company address is the company's domain too (a free mailbox is not).
  for (const email of emails) {
    const domain = registrableDomain(email);
    if (domain && !isFreeMailDomain(domain)) domains.add(domain);
  }
  const company = v('company');
  const person = v('contact');
  if (!company && !person) return { ok: false, line, message: 'company: a row needs a company or a contact name' };
  const account: Record<string, unknown> = {
    name: company ?? person,
    kind: v('kind') ?? (company ? 'business' : 'individual'),
    ...(v('category') ? { category: v('category') } : {}),
    ...(v('status') ? { status: v('status') } : {}),
    ...(v('source') ? { source: v('source') } : {}),
    ...(domains.size ? { domains: [...domains] } : {}),
    ...(website ? { website } : {}),
    ...(v('address') ? { address: v('address') } : {}),
    ...(v('industry') ? { industry: v('industry') } : {}),
    ...(v('region') ? { region: v('region') } : {}),
    ...(companyPhones.length ? { phones: companyPhones } : {}),
    ...(v('tags') ? { tags: split(v('tags') ?? '') } : {}),
    ...(v('notes') ? { features: { notes: v('notes') } } : {}),
  };
  const accountCheck = accountFields.partial().safeParse(account);
  if (!accountCheck.success) return { ok: false, line, message: describeZodError(accountCheck.error).message };
  if (!person && emails.length === 0 && phones.length === 0)
    return { ok: true, draft: { line, account, contact: null } };
  const contact: Record<string, unknown> = {
    name: person ?? company,
    ...(v('title') ? { title: v('title') } : {}),
    ...(emails.length ? { emails } : {}),
    ...(phones.length ? { phones } : {}),
    ...(v('buyingRole') ? { buyingRole: v('buyingRole') } : {}),
  };
  const contactCheck = contactFields.omit({ accountId: true }).partial().safeParse(contact);
  if (!contactCheck.success) return { ok: false, line, message: describeZodError(contactCheck.error).message };
  return { ok: true, draft: { line, account, contact } };
}

/** Drafts from CSV records (the first is the header). Line numbers count the header as line 1; blank rows are skipped. */
export function draftsFromCsv(rows: readonly (readonly string[])[]): DraftResult[] {
  const [header, ...body] = rows;
  if (!header) return [];
  const fields = header.map(mapHeader);
  return body
    .map((row, i) => ({ row, line: i + 2 }))
    .filter(({ row }) => row.some((cell) => cell.trim() !== ''))
    .map(({ row, line }) => {
      const values: Record<string, string> = {};
      row.forEach((cell, i) => {
        const field = fields[i];
        if (field) values[field] = values[field] ? `${values[field]};${cell}` : cell;
      });
      return draftFromValues(line, values);
    });
}

/** Drafts from a vCard 3 or 4 file (one card per person; ORG is the company). `line` numbers the cards from 1. */
export function draftsFromVcard(text: string): DraftResult[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    return [{ ok: false, line: 1, message: `not a vCard file: ${(error as Error).message}` }];
  }
  const cards = (Array.isArray(parsed) && parsed[0] === 'vcard' ? [parsed] : (parsed as unknown[])) as unknown[];
  return cards.map((jcard, i) => {
    const card = new ICAL.Component(jcard as ConstructorParameters<typeof ICAL.Component>[0]);
    const all = (name: string) => card.getAllProperties(name).map((p) => String(p.getFirstValue() ?? ''));
    const first = (name: string) => all(name)[0] ?? '';
    const org = card.getFirstProperty('org')?.getValues().flat().map(String)[0] ?? '';
    return draftFromValues(i + 1, {
      company: org,
      contact: first('fn'),
      title: first('title'),
      emails: all('email')
        .map((e) => e.replace(/^mailto:/i, ''))
        .join(';'),
      phones: all('tel')
        .map((t) => t.replace(/^tel:/i, ''))
        .join(';'),
      website: first('url'),
      address: card
        .getAllProperties('adr')
        .map((p) => p.getValues().flat().map(String).filter(Boolean).join(' '))
        .join('; '),
      notes: first('note'),
    });
  });
}

/** The kind of file a name says: `.csv`, `.vcf` / `.vcard`, or null for anything else. */
export function fileKindOf(fileName: string): 'csv' | 'vcard' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.vcf') || lower.endsWith('.vcard')) return 'vcard';
  return null;
}
