/**
 * Where Gmail keeps the parts of an open message. Gmail's class names are generated and change now and then:
 * when the adapter stops finding messages, this is the one place to update (compare with a saved page of the
 * current Gmail). Checked against Gmail's thread view as of 2024.
 */
export const gmailSelectors = {
  /** One expanded message of the open thread; the last one is the newest. */
  message: 'div.adn.ads',
  /** Gmail's own id of the message, on the message element. */
  messageIdAttributes: ['data-legacy-message-id', 'data-message-id'],
  /** The sender: `email` and `name` attributes. */
  sender: 'h3.iw span.gD[email], span.gD[email]',
  /** The recipients line under the sender. */
  recipients: 'div.hb span.g2[email], span.hb span.g2[email]',
  /** The details table (opened with the ▾ under the sender): rows labelled to / cc. */
  detailsRow: 'table.ajC tr',
  detailsLabel: 'td.gG',
  detailsValue: 'td.gL',
  /** The thread subject. */
  subject: 'h2.hP',
  /** The message date: a `title` attribute with the full date. */
  date: 'span.g3[title]',
  /** The message body as Gmail renders it. */
  body: 'div.a3s',
  /** The signed-in account in the tab's title: `Re: 报价 - li.ming@example.com - Gmail` (any language's Gmail). */
  accountInTitle: /\s[-–—]\s([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)\s[-–—]\s[^-–—]*Gmail[^-–—]*$/,
} as const;
