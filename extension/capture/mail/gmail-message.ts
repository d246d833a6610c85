import { gmailSelectors as s } from './gmail-selectors';
import { type OpenMessage, pageDate } from './open-message';
import type { MailAddress } from './parsed-email';

/**
 * The newest expanded message of the Gmail thread in `root` (the page's document in the content script, a saved
 * page in tests), or null when no message is open. Reads attributes and text only; renders nothing.
 */
export function gmailMessage(root: ParentNode): OpenMessage | null {
  const messages = root.querySelectorAll(s.message);
  const message = messages[messages.length - 1];
  if (!message) return null;

  const sender = message.querySelector(s.sender);
  const from = sender ? boxFrom(sender) : null;
  const details = detailsAddresses(message);
  const shown = [...message.querySelectorAll(s.recipients)].map(boxFrom).filter((b): b is MailAddress => b !== null);
  const id = s.messageIdAttributes.map((name) => message.getAttribute(name)).find((v) => v);

  return {
    from,
    to: details?.to ?? shown,
    cc: details?.cc ?? [],
    subject: root.querySelector(s.subject)?.textContent?.trim() || null,
    date: pageDate(message.querySelector(s.date)?.getAttribute('title')),
    messageId: null,
    pageMessageId: id ? `gmail:${id.replace(/^#?msg-[a-z]:/, '')}` : null,
    bodyHtml: message.querySelector(s.body)?.innerHTML ?? '',
    // The title's tail only: the subject before it is the sender's text, bounded before any pattern sees it.
    account: s.accountInTitle.exec((root.querySelector('title')?.textContent ?? '').slice(-400))?.[1] ?? null,
  };
}

function boxFrom(element: Element): MailAddress | null {
  const address = element.getAttribute('email')?.trim();
  if (!address) return null;
  return { name: (element.getAttribute('name') ?? element.textContent ?? '').trim(), address };
}

/** To and Cc from the details table, when the rep has opened it; null otherwise. */
function detailsAddresses(message: Element): { to: MailAddress[]; cc: MailAddress[] } | null {
  const rows = [...message.querySelectorAll(s.detailsRow)];
  if (rows.length === 0) return null;
  const read = (label: RegExp) =>
    rows
      .filter((row) => label.test(row.querySelector(s.detailsLabel)?.textContent?.trim() ?? ''))
      .flatMap((row) => [...row.querySelectorAll('[email]')].map(boxFrom))
      .filter((b): b is MailAddress => b !== null);
  return { to: read(/^(?:to|收件人)[:：]?$/i), cc: read(/^(?:cc|抄送)[:：]?$/i) };
}
