import { gmailMessage } from '../capture/mail/gmail-message';
import { gmailSelectors } from '../capture/mail/gmail-selectors';
import type { OpenMessage } from '../capture/mail/open-message';
import { outlookMessage } from '../capture/mail/outlook-message';
import { outlookSelectors } from '../capture/mail/outlook-selectors';

/** One webmail site: how to read its open message and where its sender is shown (the chip goes beside it). */
export interface MailSite {
  name: 'gmail' | 'outlook';
  read: (root: ParentNode) => OpenMessage | null;
  sender: (root: ParentNode) => Element | null;
}

// The selectors stay in capture/mail/<site>-selectors.ts, the one place to update when a site changes.
export const gmailSite: MailSite = {
  name: 'gmail',
  read: gmailMessage,
  sender: (root) => {
    const messages = root.querySelectorAll(gmailSelectors.message);
    return messages[messages.length - 1]?.querySelector(gmailSelectors.sender) ?? null;
  },
};

export const outlookSite: MailSite = {
  name: 'outlook',
  read: outlookMessage,
  sender: (root) => {
    const pane = root.querySelector(outlookSelectors.readingPane) ?? root;
    const messages = pane.querySelectorAll(outlookSelectors.message);
    const message = messages[messages.length - 1];
    if (!message) return null;
    return (
      [...message.querySelectorAll('[aria-label]')].find((el) =>
        outlookSelectors.fromLabels.some((label) => el.getAttribute('aria-label')?.startsWith(label)),
      ) ?? null
    );
  },
};
