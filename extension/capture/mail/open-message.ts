import type { MailAddress } from './parsed-email';

/**
 * The message open in a webmail page (Gmail, Outlook on the web), read from the page's DOM by a site adapter.
 * The body stays HTML: quotes are marked up there (gmail_quote, blockquote, divRplyFwdMsg), and it is turned into
 * text by the same HTML-to-text and reply splitting as an `.eml` (`parsedOpenMessage`), away from the page.
 */
export interface OpenMessage {
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string | null;
  /** ISO 8601 as the page shows it (the page's local time), or null. */
  date: string | null;
  /** The RFC 5322 Message-ID when the page exposes it (it rarely does). */
  messageId: string | null;
  /** The site's own id of the message (`gmail:18d4c1e2a3b4c5d6`), stable across visits: re-clips match on it. */
  pageMessageId: string | null;
  bodyHtml: string;
  /** The signed-in webmail account's address (the rep's own) when the page shows it: a mail from it was sent. */
  account?: string | null;
}

const addressPattern = /^(.*?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/;
const bareAddress = /^[^\s<>@]+@[^\s<>@]+$/;

/** `"Li Lei" <li@example.cn>` → `{ name: 'Li Lei', address: 'li@example.cn' }`; `li@example.cn` → name ''. */
export function mailAddress(text: string): MailAddress | null {
  const trimmed = text.trim().replace(/[;,]$/, '');
  const match = addressPattern.exec(trimmed);
  if (match) return { name: match[1]!.replace(/^["'“]|["'”]$/g, '').trim(), address: match[2]! };
  return bareAddress.test(trimmed) ? { name: '', address: trimmed } : null;
}

/** A page's date text ("Tue, Mar 12, 2024, 11:02 AM") as ISO 8601, or null when it does not read as a date. */
export function pageDate(text: string | null | undefined): string | null {
  if (!text) return null;
  // Gmail writes "Tue, Mar 12, 2024, 11:02 AM (2 days ago)"; the part in brackets is for people.
  const time = Date.parse(text.replace(/\s*\([^)]*\)\s*$/, '').replace(/\u202f/g, ' '));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
