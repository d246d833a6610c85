import { mailAddress, type OpenMessage, pageDate } from './open-message';
import { outlookSelectors as s } from './outlook-selectors';
import type { MailAddress } from './parsed-email';

/**
 * The newest message in Outlook on the web's reading pane in `root`, or null when none is open. Reads the
 * accessibility labels and text only; renders nothing.
 */
export function outlookMessage(root: ParentNode): OpenMessage | null {
  const pane = root.querySelector(s.readingPane) ?? root;
  const messages = pane.querySelectorAll(s.message);
  const message = messages[messages.length - 1];
  if (!message) return null;
  const id = s.messageIdAttributes.map((name) => message.getAttribute(name)).find((v) => v);

  return {
    from: labelled(message, s.fromLabels)[0] ?? null,
    to: labelled(message, s.toLabels),
    cc: labelled(message, s.ccLabels),
    subject: pane.querySelector(s.subject)?.textContent?.trim() || null,
    date: pageDate(message.querySelector(s.date)?.textContent),
    messageId: null,
    pageMessageId: id ? `outlook:${id}` : null,
    bodyHtml: message.querySelector(s.body)?.innerHTML ?? '',
  };
}

/** Addresses of the elements labelled "From: …", "To: …" (the label's rest, or the text, is "Name <address>; …"). */
function labelled(message: Element, labels: readonly string[]): MailAddress[] {
  const elements = [...message.querySelectorAll('[aria-label]')].filter((el) =>
    labels.some((label) => el.getAttribute('aria-label')!.startsWith(label)),
  );
  return elements.flatMap((el) => {
    const label = el.getAttribute('aria-label')!;
    const prefix = labels.find((l) => label.startsWith(l))!;
    const text = label.slice(prefix.length).trim() || el.textContent || '';
    return text
      .split(';')
      .map(mailAddress)
      .filter((b): b is MailAddress => b !== null);
  });
}
