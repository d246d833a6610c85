import type { Candidate, EvidenceSource } from '../../shared/schema/candidate';
import { startsWithChineseSurname } from './chinese-surnames';
import { cleanText, emailsInText, phoneFrom, phonesFrom, websiteFrom } from './fields';
import { addEvidence, emptyFound, type Found, isEmptyCandidate, toCandidate } from './found';
import { deobfuscate } from './obfuscated-email';
import { pageRegions } from './page-regions';
import { splitRoleAddresses } from './role-addresses';
import type { SourceContext } from './source-context';

/**
 * Labelled text in Chinese and English: `联系人：张三`, `手机 138 0013 8000`, `E: zhang@acme.cn`, table rows with
 * label and value in neighbouring cells, definition lists (label line, value line), column tables (a header row
 * of labels, one person per row), and — for plain text such as a mail signature — unlabelled name, title,
 * company, phone, email and website lines.
 */

type Field =
  | 'name'
  | 'roleName'
  | 'title'
  | 'org'
  | 'phone'
  | 'fax'
  | 'email'
  | 'address'
  | 'website'
  | 'orgPhone'
  | 'ignore';

const LABELS: Record<Field, readonly string[]> = {
  // A role used as the label gives both: `客户经理：张三` → name 张三, title 客户经理.
  roleName: [
    '客户经理',
    '销售经理',
    '业务经理',
    '销售代表',
    '业务员',
    '对接人',
    'Account manager',
    'Key account manager',
    'Account executive',
    'Sales manager',
    'Sales representative',
    'Sales rep',
    'Your contact',
  ],
  name: [
    '聯絡人',
    '聯繫人',
    '联系人姓名',
    '联系人',
    '姓名',
    '名字',
    '负责人',
    'Contact person',
    'Contact name',
    'Full name',
    'Name',
    'Contact',
  ],
  title: ['職位', '職務', '職稱', '职位', '职务', '职称', '头衔', '岗位', 'Job title', 'Position', 'Title', 'Role'],
  org: [
    '公司名稱',
    '企業名稱',
    '公司名称',
    '公司全称',
    '企业名称',
    '单位名称',
    '公司',
    '单位',
    'Company name',
    'Company',
    'Organisation',
    'Organization',
    'Employer',
  ],
  phone: [
    '聯絡電話',
    '聯繫電話',
    '電話',
    '手機',
    '行動電話',
    '联系电话',
    '办公电话',
    '固定电话',
    '电话号码',
    '手机号码',
    '手机号',
    '移动电话',
    '手机',
    '电话',
    '座机',
    '固话',
    '直线',
    'Telephone',
    'Phone',
    'Mobile',
    'Direct',
    'Office',
    'Cell',
    'Mob',
    'Tel',
    'T',
    'P',
    'M',
  ],
  fax: ['傳真', '传真号码', '传真', 'Fax', 'F'],
  email: [
    '電子郵件',
    '電子郵箱',
    '郵箱',
    '電郵',
    '电子邮件',
    '电子邮箱',
    '邮箱地址',
    '邮箱',
    '邮件',
    'E-mail',
    'Email',
    'Mail',
    'E',
  ],
  address: [
    '公司地址',
    '聯絡地址',
    '公司地址',
    '联系地址',
    '办公地址',
    '通讯地址',
    '详细地址',
    '地址',
    'Address',
    'Addr',
    'Add',
  ],
  website: [
    '網址',
    '網站',
    '公司网址',
    '官方网站',
    '官网',
    '网址',
    '网站',
    '主页',
    'Website',
    'Web site',
    'Homepage',
    'Web',
    'URL',
    'W',
  ],
  orgPhone: [
    '全国服务热线',
    '服务热线',
    '客服热线',
    '客服电话',
    '咨询热线',
    '销售热线',
    '热线电话',
    '热线',
    '总机',
    'Hotline',
    'Switchboard',
    'Customer service',
    'Toll-free',
    'Toll free',
  ],
  // Recognised so their values are not read as anything else (a 邮编 is not a phone, an ICP number neither).
  ignore: [
    '邮政编码',
    '邮编',
    'Postcode',
    'Post code',
    'Zip code',
    'ZIP',
    'QQ',
    '微信',
    'WeChat',
    'Skype',
    'ICP备案号',
    '备案号',
  ],
};

const FIELD_OF = new Map<string, Field>();
for (const [field, labels] of Object.entries(LABELS) as Array<[Field, readonly string[]]>)
  for (const label of labels) FIELD_OF.set(label.toLowerCase(), field);

const byLength = (a: string, b: string) => b.length - a.length;
const escapeLabel = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s{1,3}');
const all = [...FIELD_OF.keys()];
const han = all
  .filter((l) => /\p{Script=Han}/u.test(l))
  .sort(byLength)
  .map(escapeLabel)
  .join('|');
const latin = all
  .filter((l) => !/\p{Script=Han}/u.test(l) && l.length > 1)
  .sort(byLength)
  .map(escapeLabel)
  .join('|');
const single = all
  .filter((l) => l.length === 1)
  .map(escapeLabel)
  .join('|');

// A label and its separator. Chinese labels need no word boundary (公司电话：), Latin ones do; single letters
// (T:, M., E:) need a colon or full stop. Alternation of fixed words with bounded gaps: no backtracking blow-up.
const LABEL = new RegExp(
  `(${han})\\s{0,3}(?:[:：]|\\t)|(?<![\\p{L}\\p{N}])(${latin})\\.?\\s{0,3}(?:[:：]|\\t)|(?<![\\p{L}\\p{N}.])(${single})\\s{0,2}[:：.](?=\\s|$)`,
  'giu',
);
// A Chinese label opening a line and followed by a space: `电话 0755-8888 6666`.
const HAN_LEADING = new RegExp(`^(${han})[ \\u3000]{1,4}(?=\\S)`, 'u');
// A line that is nothing but a label: a <dt>, or a table cell alone on its line.
const LABEL_ALONE = new RegExp(`^(?:${han}|${latin}|${single})\\s{0,3}[:：]?$`, 'iu');

const TITLE_WORDS =
  /经理|總經理|經理|總監|总监|总裁|主管|主任|董事|工程师|专员|助理|代表|顾问|主席|秘书|会计|厂长|部长|院长|教授|创始人|合伙人|采购|销售|\b(?:CEO|CTO|CFO|COO|CMO|CIO|VP|SVP|EVP|GM|Vice President|President|Director|Manager|Head of|Lead|Engineer|Officer|Founder|Co-founder|Partner|Consultant|Specialist|Representative|Executive|Coordinator|Assistant|Analyst|Architect|Designer|Developer|Owner|Chairman|Secretary|Buyer|Purchasing|Procurement)\b/i;
const ORG_WORDS =
  /有限公司|有限责任公司|公司|集团|集團|研究院|研究所|事务所|工作室|大学|学院|医院|银行|工厂|\b(?:Inc|Ltd|LLC|GmbH|Corp|Corporation|Company|Co|Limited|Group|PLC|LLP|Pty|AG|SA|BV|Technologies|Solutions|Systems|Holdings)\b\.?/i;
const SIGN_OFF =
  /^(?:best|kind|warm)?\s*(?:regards|wishes|thanks|thank you|cheers|sincerely|yours)\b|^(?:此致|敬礼|谢谢|顺祝|祝好|商祺|此致敬礼|顺颂)/i;
const HAN_NAME = /^[\p{Script=Han}]{2,4}(?:[·•][\p{Script=Han}]{1,6})?(?:\s?(?:先生|女士|小姐))?$/u;
// Words that make a capitalised pair a link or a heading, not a name ("Email Ethan", "Contact Us", "Main Office").
const NOT_NAME_WORDS =
  /\b(?:email|e-mail|mail|call|contact|write|visit|send|main|office|phone|mobile|home|about|read|learn|more|our|the|meet|get|follow|view|download|click|us|team|here|now|page|site|news|blog|login|sign|register|support|service|help|sales|privacy|terms|careers|jobs)\b/i;
const LATIN_NAME = /^(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s)?[A-Z][\p{L}'’-]{0,30}\.?(?:\s[A-Z][\p{L}'’-]{0,30}\.?){1,3}$/u;

// Words before a label that make the line the company's service desk rather than a person's.
const SERVICE_PREFIX =
  /客服|售后|售前|服务|投诉|招聘|人事|媒体|商务合作|support|service|sales|hr|press|media|careers|jobs/i;

/** Whether a short line reads as a person's name (not a title, company or sign-off). */
export function looksLikeName(text: string): boolean {
  const line = text.trim();
  if (line.length < 2 || line.length > 40 || SIGN_OFF.test(line)) return false;
  if (TITLE_WORDS.test(line) || ORG_WORDS.test(line)) return false;
  return (
    (HAN_NAME.test(line) && startsWithChineseSurname(line)) || (LATIN_NAME.test(line) && !NOT_NAME_WORDS.test(line))
  );
}

export interface TextOptions {
  /** Region for numbers without a country code (default CN). */
  defaultRegion?: string;
  /**
   * Read unlabelled lines too (a signature's name, title and company lines, bare phones and URLs).
   * Default true; page text uses false, where unlabelled lines are headings and prose.
   */
  unlabelled?: boolean;
  /** The evidence source to record (default `text`; a mail signature reader passes `signature`). */
  evidence?: EvidenceSource;
}

interface Pair {
  field: Field;
  value: string;
  /** The label as written (`Account manager`), for labels that are also titles. */
  label: string;
}

/** The labelled pairs of one line, and the unlabelled text before the first label. */
function splitLine(line: string): { prefix: string; pairs: Pair[] } {
  const leading = HAN_LEADING.exec(line);
  const labels: Array<{ field: Field; start: number; end: number; label: string }> = [];
  if (leading) {
    labels.push({
      field: FIELD_OF.get(leading[1]!.toLowerCase())!,
      start: 0,
      end: leading[0].length,
      label: leading[1]!,
    });
  }
  LABEL.lastIndex = 0;
  for (const m of line.matchAll(LABEL)) {
    if (m.index < (labels[labels.length - 1]?.end ?? 0)) continue;
    const word = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\s+/g, ' ').toLowerCase();
    const field = FIELD_OF.get(word);
    if (field) labels.push({ field, start: m.index, end: m.index + m[0].length, label: m[1] ?? m[2] ?? m[3] ?? '' });
  }
  const pairs = labels.map((l, i) => ({
    field: l.field,
    label: l.label.replace(/\s+/g, ' '),
    value: line
      .slice(l.end, labels[i + 1]?.start ?? line.length)
      .replace(/^[\s|｜,，;；、·•]+|[\s|｜,，;；、·•]+$/g, ''),
  }));
  return { prefix: line.slice(0, labels[0]?.start ?? line.length).trim(), pairs };
}

/** Label fields of a table header row (`姓名 | 职位 | 电话`), or null when any cell is not a label. */
function headerRow(line: string): Field[] | null {
  const cells = line.split('\t');
  if (cells.length < 2) return null;
  const fields = cells.map((c) => FIELD_OF.get(c.replace(/[:：\s]+$/, '').toLowerCase()));
  return fields.every((f) => f !== undefined) ? (fields as Field[]) : null;
}

interface Draft {
  found: Found;
  line: number;
  lastLine: number;
}

/**
 * Candidates in plain text, no DOM needed (a mail signature is plain text).
 * `candidatesFromText('张伟\n销售总监\n手机：138 0013 8000')` →
 * `[{ name: '张伟', title: '销售总监', phones: ['+8613800138000'], kind: 'person', … }]`.
 */
export function candidatesFromText(text: string, options: TextOptions = {}): Candidate[] {
  const found = splitRoleAddresses(foundInText(text, options).map((d) => d.found)).map(toCandidate);
  const stamp = options.evidence;
  if (stamp && stamp !== 'text') {
    for (const c of found)
      for (const [k, list] of Object.entries(c.evidence)) c.evidence[k] = list.map((s) => (s === 'text' ? stamp : s));
  }
  return found;
}

/** Candidates with the line (0-based) where each starts; the page source maps lines to positions. */
export function foundInText(text: string, options: TextOptions = {}): Draft[] {
  const region = options.defaultRegion ?? 'CN';
  const unlabelled = options.unlabelled ?? true;
  // A page-sized cap on lines read; text beyond it is not contact data a rep clips.
  const lines = text.split(/\r?\n/, 20_000);
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let pending: Field | null = null;
  let columns: Field[] | null = null;
  const orgPhones: Found = emptyFound('organisation');

  const open = (i: number): Draft => {
    if (current && !unlabelled && i - current.lastLine > 8) close();
    current ??= { found: emptyFound('person'), line: i, lastLine: i };
    return current;
  };
  const close = () => {
    if (current && (!isEmptyCandidate(current.found) || current.found.faxes?.length)) drafts.push(current);
    current = null;
  };

  const apply = (field: Field, raw: string, i: number, label = '') => {
    const value = raw.replace(/\t+/g, ' ').trim();
    if (!value) return;
    // A second name starts the next person.
    if ((field === 'name' || field === 'roleName') && current?.found.name) close();
    const c = open(i);
    const f = c.found;
    c.lastLine = i;
    switch (field) {
      case 'roleName':
      case 'name': {
        // `Contact: Tom Hughes, tom [at] x [dot] cn`: the name ends at the first comma, the rest is sniffed.
        const [head = '', ...rest] = value.split(/\s*[,，;；|｜]\s*/);
        if (rest.length > 0) sniff(f, rest.join(' '), region);
        // `吴刚（销售经理）`: a parenthesised title after the name.
        const paren = /^(.{1,40}?)\s*[（(]([^（()）]{1,40})[）)]$/.exec(head);
        const name = cleanText(paren ? paren[1] : head, 60);
        if (name && !/[@\d]|https?:/.test(name)) {
          f.name = name;
          addEvidence(f, 'name', 'text');
          if (paren && TITLE_WORDS.test(paren[2]!)) setOnce(f, 'title', cleanText(paren[2], 80));
          if (field === 'roleName') setOnce(f, 'title', cleanText(label, 80));
        } else sniff(f, value, region);
        break;
      }
      case 'title':
        setOnce(f, 'title', cleanText(value, 80));
        break;
      case 'org':
        setOnce(f, 'org', cleanText(value, 120));
        break;
      case 'address':
        setOnce(f, 'address', cleanText(value, 300));
        break;
      case 'website':
        setOnce(f, 'website', websiteFrom(value));
        break;
      case 'phone':
        for (const p of phonesFrom(value, region)) pushUnique(f, 'phones', p);
        break;
      case 'orgPhone':
        for (const p of phonesFrom(value, region)) pushUnique(orgPhones, 'phones', p);
        for (const e of emailsInText(deobfuscate(value))) pushUnique(f, 'emails', e);
        break;
      case 'email':
        for (const e of emailsInText(deobfuscate(value))) pushUnique(f, 'emails', e);
        break;
      case 'fax':
        f.faxes = [...(f.faxes ?? []), ...phonesFrom(value, region)];
        break;
      case 'ignore':
        break;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').normalize('NFKC').trim();
    if (!line) continue;
    if (line.length > 2000) continue; // minified blobs and prose walls hold no labelled fields
    const header = headerRow(line);
    if (header) {
      columns = header;
      pending = null;
      continue;
    }
    if (columns) {
      const cells = line.split('\t');
      if (cells.length === columns.length && splitLine(line).pairs.length === 0) {
        close();
        cells.forEach((cell, k) => {
          apply(columns![k]!, cell, i);
        });
        close();
        continue;
      }
      columns = null;
    }
    const alone = LABEL_ALONE.test(line) ? (FIELD_OF.get(line.replace(/[:：\s]+$/, '').toLowerCase()) ?? null) : null;
    // `Account Executive` alone on a line is a title, not a label, unless a colon says otherwise.
    if (alone && (alone !== 'roleName' || /[:：]$/.test(line))) {
      pending = alone;
      continue;
    }
    const { prefix, pairs } = splitLine(line);
    if (pending && pairs.length === 0) {
      apply(pending, line, i);
      pending = null;
      continue;
    }
    pending = null;
    if (pairs.length > 0 && SERVICE_PREFIX.test(prefix)) {
      // 客服邮箱 / 售后电话 / Support email: the company's desk, not the person whose fields came before.
      for (const pair of pairs) serviceDesk(pair);
      continue;
    }
    if (prefix) unlabelledLine(prefix, i);
    for (const pair of pairs) apply(pair.field, pair.value, i, pair.label);
  }
  close();

  function serviceDesk(pair: Pair) {
    if (pair.field === 'email' || pair.field === 'orgPhone' || pair.field === 'phone') {
      for (const e of emailsInText(deobfuscate(pair.value))) pushUnique(orgPhones, 'emails', e);
    }
    if (pair.field === 'phone' || pair.field === 'orgPhone') {
      for (const p of phonesFrom(pair.value, region)) pushUnique(orgPhones, 'phones', p);
    }
  }

  function unlabelledLine(line: string, i: number) {
    const emails = emailsInText(deobfuscate(line));
    if (!unlabelled) {
      // Page prose: only an address right under a person's labelled fields joins them.
      const c = current as Draft | null;
      if (emails.length > 0 && c?.found.name && c.found.emails.length === 0 && i - c.lastLine <= 3) {
        for (const e of emails) pushUnique(c.found, 'emails', e);
        c.lastLine = i;
      }
      return;
    }
    const c = open(i);
    const f = c.found;
    c.lastLine = i;
    if (emails.length > 0) {
      for (const e of emails) pushUnique(f, 'emails', e);
      return;
    }
    const phones = phonesFrom(line, region);
    if (phones.length > 0 && /^[+\d(（]/.test(line)) {
      for (const p of phones) pushUnique(f, 'phones', p);
      return;
    }
    if (/^(?:https?:\/\/|www\.)/i.test(line)) {
      setOnce(f, 'website', websiteFrom(line));
      return;
    }
    for (const part of line.split(/\s*(?:[|｜/•·,，]|\s[-–—]\s)\s*/)) {
      if (!part) continue;
      if (!f.name && !f.title && !f.org && looksLikeName(part)) {
        f.name = part;
        addEvidence(f, 'name', 'text');
      } else if (!f.title && TITLE_WORDS.test(part) && !ORG_WORDS.test(part) && part.length <= 80) {
        setOnce(f, 'title', part);
      } else if (!f.org && ORG_WORDS.test(part) && part.length <= 120) {
        setOnce(f, 'org', part);
      }
    }
  }

  if (orgPhones.phones.length > 0 || orgPhones.emails.length > 0) {
    const owner = drafts.find((d) => d.found.org)?.found.org ?? null;
    if (owner) {
      orgPhones.org = owner;
      addEvidence(orgPhones, 'org', 'text');
    }
    drafts.push({ found: orgPhones, line: lines.length, lastLine: lines.length });
  }
  for (const d of drafts) d.found.kind = kindOf(d.found);
  return drafts;
}

/** person when named; organisation when it only describes a company; person for a lone personal address. */
function kindOf(f: Found): Candidate['kind'] {
  if (f.name || f.title) return 'person';
  if (f.org || f.address || f.website || (f.phones.length > 0 && f.emails.length === 0)) return 'organisation';
  return f.kind;
}

function sniff(f: Found, value: string, region: string): void {
  const emails = emailsInText(deobfuscate(value));
  for (const e of emails) pushUnique(f, 'emails', e);
  if (emails.length === 0) {
    const phone = phoneFrom(value, region);
    if (phone) pushUnique(f, 'phones', phone);
  }
}

function setOnce(f: Found, field: 'title' | 'org' | 'address' | 'website', value: string | null): void {
  if (!value || f[field]) return;
  f[field] = value;
  addEvidence(f, field, 'text');
}

function pushUnique(f: Found, field: 'emails' | 'phones', value: string): void {
  if (!f[field].includes(value)) f[field].push(value);
  addEvidence(f, field, 'text');
}

/** Labelled text of the page: the main content, then each footer (whose data is the organisation's). */
export function extractLabelledText(doc: Document, ctx: SourceContext): Found[] {
  const out: Found[] = [];
  for (const region of pageRegions(doc, ctx)) {
    const drafts = foundInText(region.text, { defaultRegion: ctx.defaultRegion, unlabelled: false });
    for (const d of drafts) {
      // Text has no element to point at: order within the region by line, after the region's own start.
      d.found.position = region.position + d.line / 1e6;
      d.found.inFooter = region.inFooter;
      d.found.approximate = true;
      out.push(d.found);
    }
  }
  return out;
}
