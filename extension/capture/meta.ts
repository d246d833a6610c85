import { cleanText, emailFrom, phonesFrom, websiteFrom } from './fields';
import { addEvidence, emptyFound, type Found } from './found';
import { pageText } from './page-text';
import type { SourceContext } from './source-context';

const ORG_SUFFIX =
  /有限公司|有限责任公司|股份公司|公司|集团|研究院|事务所|\b(?:Inc|Ltd|LLC|GmbH|Corp|Corporation|Company|Co|Limited|Group|PLC|LLP|AG|SA)\b\.?/i;
// `© 2024 深圳恒泰科技有限公司 版权所有`, `Copyright © 2019-2025 Acme Inc. All rights reserved.`
const COPYRIGHT =
  /(?:©|\(c\)|copyright|版权所有)\s{0,3}(?:©\s{0,3})?(?:\d{4}\s{0,3}(?:[-–—~]\s{0,3}\d{4})?\s{0,3})?[,，]?\s{0,3}([^\n©|·]{2,80}?)(?:\s{0,3}(?:版权所有|all rights reserved|保留所有权利|\.?$|\||·|\s{2}|备案|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]?icp|\d{4}))/i;

/**
 * The page's own organisation from its metadata: `og:site_name` (then `application-name`), OpenGraph business
 * contact tags, the footer's copyright line, the `<title>`; the website is the page's origin.
 */
export function extractMeta(doc: Document, ctx: SourceContext): Found[] {
  const meta = (name: string) =>
    doc.querySelector(`meta[property="${name}" i], meta[name="${name}" i]`)?.getAttribute('content') ?? null;
  const f = emptyFound('organisation', 0, false);
  const set = (field: 'name' | 'website' | 'address', value: string | null) => {
    if (!value || f[field]) return;
    f[field] = value;
    addEvidence(f, field, 'meta');
  };
  set('name', cleanText(meta('og:site_name'), 200) ?? cleanText(meta('application-name'), 200));
  set('name', copyrightHolder(ctx));
  set('name', titleOrganisation(doc.querySelector('title')?.textContent ?? ''));
  const email = emailFrom(meta('og:email') ?? meta('business:contact_data:email') ?? '');
  if (email) {
    f.emails.push(email);
    addEvidence(f, 'emails', 'meta');
  }
  for (const p of phonesFrom(
    meta('og:phone_number') ?? meta('business:contact_data:phone_number') ?? '',
    ctx.defaultRegion,
  )) {
    f.phones.push(p);
    addEvidence(f, 'phones', 'meta');
  }
  const street = meta('business:contact_data:street_address') ?? meta('og:street-address');
  const locality = meta('business:contact_data:locality') ?? meta('og:locality');
  set('address', cleanText([street, locality].filter(Boolean).join(', '), 300));
  try {
    const origin = new URL(ctx.url);
    if (origin.protocol === 'http:' || origin.protocol === 'https:') set('website', websiteFrom(origin.origin));
  } catch {
    // no usable page URL: no website
  }
  return f.name || f.website || f.emails.length || f.phones.length ? [f] : [];
}

/** The company named in the footer's copyright line, if it reads as a company. */
function copyrightHolder(ctx: SourceContext): string | null {
  for (const footer of ctx.footers().slice(-3).reverse()) {
    for (const line of pageText(footer, { maxChars: 20_000 }).split('\n')) {
      const m = COPYRIGHT.exec(line);
      const holder = m ? cleanText(m[1]!.replace(/[.,，。\s]+$/, ''), 120) : null;
      if (holder && ORG_SUFFIX.test(holder)) return holder;
    }
  }
  return null;
}

const GENERIC_PAGE =
  /联系|关于|首页|主页|名片|团队|招聘|加入|产品|新闻|订单|门店|通讯录|\b(?:contacts?|about|home|team|careers|jobs|speakers|news|products|blog|welcome|people|directory)\b/i;

/** `联系我们 - 深圳恒泰科技有限公司` → the company part; otherwise the last part of a separated title. */
export function titleOrganisation(title: string): string | null {
  const parts = title
    .split(/\s+[-|–—_·]\s+|\s*[|｜_]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const company = parts.find((p) => ORG_SUFFIX.test(p));
  if (company) return cleanText(company, 120);
  // Otherwise the part that is not the page's own name (联系我们, About, Team …).
  if (parts.length < 2) return null;
  // `Page - Site` is the common order: the last part names the site unless it is a page name (Blog, 联系我们).
  const last = parts[parts.length - 1]!;
  if (!GENERIC_PAGE.test(last)) return cleanText(last, 120);
  // `华信电子 - 联系人名片`: a short first part is the site; a long one is an article's headline.
  const first = parts[0]!;
  return first.length <= 12 && !GENERIC_PAGE.test(first) ? cleanText(first, 120) : null;
}
