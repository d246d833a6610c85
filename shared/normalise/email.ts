/**
 * Email identity (DESIGN §3 "Identity and dedup"): the lower-cased address, with the aliases a mail provider
 * treats as one mailbox folded together, or null when the text is not an address.
 */

// ASCII local part (RFC 5322 dot-atom). Non-ASCII local parts (RFC 6531) are rare in B2B mail and, allowed, would
// swallow labels glued to the address on Chinese pages ("邮箱abc@x.com").
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Labels may be internationalised (例え.jp); the top-level label is ASCII letters or punycode.
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Providers whose second domain name delivers to the same mailbox. */
const DOMAIN_ALIASES: Readonly<Record<string, string>> = {
  'googlemail.com': 'gmail.com',
};

/**
 * `normaliseEmail(' Mailto:<ZhangSan@GoogleMail.com> ')` → `'zhangsan@gmail.com'`; `normaliseEmail('n/a')` → null.
 * Accepts a bare address, `mailto:` links (with `?subject=`), `Name <addr>` and full-width characters.
 */
export function normaliseEmail(input: string): string | null {
  // An address is at most 254 characters; a display name and a comment around it never need 1000. Longer text is
  // refused before any regular expression sees it (captured text is untrusted).
  if (input.length > 1000) return null;
  // NFKC folds full-width letters and ＠ (common when typed with a Chinese IME) to ASCII.
  let text = input.normalize('NFKC').trim();
  // Quoted display names go first: they may hold `@` or `<` themselves (`"Reply to x@y.com" <real@example.com>`).
  text = text.replace(/"(?:[^"\\]|\\.)*"/g, ' ').trim();
  // `Name <addr>`, also with the closing bracket lost in a copy (`Name <addr`).
  const angled = /<([^<>]*)(?:>|$)/.exec(text);
  if (angled) text = (angled[1] ?? '').trim();
  // RFC 5322 comments (`addr (John Doe)`, nested or unclosed) and the separators of a copied To: line.
  text = stripComments(text).replace(/^[\s,;]+|[\s,;]+$/g, '');
  if (/^mailto:/i.test(text)) {
    text = text.slice('mailto:'.length);
    const query = text.indexOf('?');
    if (query >= 0) text = text.slice(0, query);
    text = safeDecodeUri(text).trim();
  }
  text = text.toLowerCase();
  if (text.length > 254) return null;
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  const local = text.slice(0, at);
  let domain = text.slice(at + 1).replace(/\.$/, '');
  if (local.length > 64 || !LOCAL.test(local)) return null;
  const labels = domain.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((label) => LABEL.test(label))) return null;
  if (!TOP_LABEL.test(labels[labels.length - 1] ?? '')) return null;
  domain = DOMAIN_ALIASES[domain] ?? domain;
  return `${local}@${domain}`;
}

function stripComments(text: string): string {
  let depth = 0;
  let out = '';
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) out += char;
  }
  return out.trim();
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray `%` in a hand-written link: keep the text as written, validation decides.
    return text;
  }
}

/**
 * Mailboxes of a function, not a person (DESIGN §7: decoys are not leads). Compared on the local part's first
 * token, so `support-cn@`, `sales.china@` and `info2@` count too.
 */
const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'noreply',
  'no-reply',
  'no_reply',
  'donotreply',
  'do-not-reply',
  'do_not_reply',
  'notification',
  'notifications',
  'notify',
  'mailer-daemon',
  'bounce',
  'bounces',
  'newsletter',
  'news',
  'support',
  'help',
  'helpdesk',
  'info',
  'information',
  'sales',
  'service',
  'services',
  'customerservice',
  'customer-service',
  'hr',
  'jobs',
  'job',
  'careers',
  'career',
  'recruit',
  'recruitment',
  'admin',
  'administrator',
  'root',
  'privacy',
  'legal',
  'abuse',
  'security',
  'webmaster',
  'postmaster',
  'hostmaster',
  'contact',
  'contactus',
  'contact-us',
  'hello',
  'enquiries',
  'enquiry',
  'inquiry',
  'inquiries',
  'office',
  'marketing',
  'press',
  'media',
  'billing',
  'accounts',
  'finance',
  'feedback',
  'team',
  'kefu', // 客服 in pinyin
  'fuwu', // 服务
  'xiaoshou', // 销售
  'zhaopin', // 招聘
  'tousu', // 投诉
  '客服',
  '服务',
  '销售',
  '招聘',
  '投诉',
  '市场',
]);

/** `isRoleAddress('no-reply@github.com')` → true; `isRoleAddress('zhang.san@acme.cn')` → false. */
export function isRoleAddress(email: string): boolean {
  const text = email.normalize('NFKC').trim().toLowerCase();
  const at = text.lastIndexOf('@');
  const local = (at >= 0 ? text.slice(0, at) : text).split('+')[0] ?? '';
  if (ROLE_LOCAL_PARTS.has(local)) return true;
  const first = (local.split(/[._]/)[0] ?? '').replace(/\d+$/, '');
  if (ROLE_LOCAL_PARTS.has(first)) return true;
  const head = (first.split('-')[0] ?? '').replace(/\d+$/, '');
  return ROLE_LOCAL_PARTS.has(head);
}
