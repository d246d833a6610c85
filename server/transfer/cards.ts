import ICAL from 'ical.js';
import { isFreeMailDomain, registrableDomain } from '../../shared/normalise/domain';
import { normaliseEmail } from '../../shared/normalise/email';
import { normalisePhoneString } from '../../shared/normalise/phone';
import { accountFields, contactFields } from '../../shared/schema/entities';
import { describeZodError } from '../../shared/schema/errors';

/** One customer as a file row gives it: the account's fields and, when the row names a person, one contact. */
export interface CardDraft {
  line: number;
  account: Record<string, unknown>;
  contact: Record<string, unknown> | null;
}

export type DraftResult = { ok: true; draft: CardDraft } | { ok: false; line: number; message: string };

/**
 * Column names a customer list uses, in English and Chinese (客户名录), mapped to the card's fields. Matching
 * ignores case, spaces and punctuation, so `E-mail`, `email` and `Email Address` land on the same column.
 */
const COLUMNS: Record<string, string[]> = {
  company: [
    'company',
    'companyname',
    'organisation',
    'organization',
    'org',
    'account',
    'customer',
    '公司名称',
    '公司',
    '单位',
    '单位名称',
    '客户名称',
    '企业名称',
  ],
  contact: ['contact', 'contactname', 'name', 'fullname', 'person', '联系人', '姓名', '客户姓名'],
  title: ['title', 'jobtitle', 'position', '职位', '职务', '头衔'],
  phones: ['phone', 'phones', 'mobile', 'cell', 'tel', 'telephone', '手机', '电话', '联系电话', '手机号码', '移动电话'],
  companyPhones: ['companyphone', 'companyphones', 'switchboard', '公司电话', '总机', '座机'],
  emails: ['email', 'emails', 'emailaddress', 'mail', '邮箱', '电子邮件', '电子邮箱'],
  website: ['website', 'web', 'url', 'homepage', '网址', '网站', '公司网址', '主页'],
  domains: ['domains', 'domain', '域名'],
  address: ['address', '地址', '公司地址', '通讯地址'],
  industry: ['industry', '行业', '所属行业'],
  region: ['region', 'province', 'city', '地区', '省份', '城市', '区域'],
  kind: ['kind', '类型'],
  category: ['category', '客户类别'],
  status: ['status', '客户状态'],
  source: ['source', '来源', '客户来源'],
  tags: ['tags', '标签'],
  notes: ['notes', 'note', 'remarks', 'comment', '备注', '说明'],
  buyingRole: ['buyingrole', 'role', '角色'],
};

const squash = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
const lookup = new Map(Object.entries(COLUMNS).flatMap(([field, names]) => names.map((n) => [squash(n), field])));

/** Which card field each header maps to (undefined: the column is ignored). */
export function mapHeader(header: string): string | undefined {
  return lookup.get(squash(header));
}

const split = (value: string) =>
  value
    // `;ext=801` belongs to a phone number (RFC 3966), not a list separator.
    .split(/[,，；、\n]|;(?!ext=)/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Turns one CSV row (already keyed by card field) into a validated draft, or a message naming the bad field. */
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

/** Drafts from parsed CSV records (the first row is the header). Line numbers count the header as line 1. */
export function draftsFromCsv(rows: string[][]): DraftResult[] {
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

/** Drafts from a vCard 3 or 4 file (one card per person; ORG is the company). */
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

/** The header of the card CSV that `export --format csv` writes and `import` reads back. */
export const CARD_CSV_HEADER = [
  'company',
  'kind',
  'category',
  'status',
  'source',
  'industry',
  'region',
  'address',
  'website',
  'domains',
  'company phone',
  'tags',
  'notes',
  'contact',
  'title',
  'emails',
  'phones',
  'buying role',
] as const;

/** One CSV row per contact (or one for an account without contacts). */
export function cardCsvRows(account: Record<string, unknown>, contacts: Record<string, unknown>[]): string[][] {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : '');
  const features = (account.features ?? {}) as { notes?: string };
  const base = [
    text(account.name),
    text(account.kind),
    text(account.category),
    text(account.status),
    text(account.source),
    text(account.industry),
    text(account.region),
    text(account.address),
    text(account.website),
    list(account.domains),
    list(account.phones),
    list(account.tags),
    text(features.notes),
  ];
  if (contacts.length === 0) return [[...base, '', '', '', '', '']];
  return contacts.map((c) => [
    ...base,
    text(c.name),
    text(c.title),
    list(c.emails),
    list(c.phones),
    text(c.buyingRole),
  ]);
}
