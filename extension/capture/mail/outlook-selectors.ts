/**
 * Where Outlook on the web keeps the parts of the open message. Outlook's class names are generated, so these
 * read the accessibility labels (`aria-label`, `role`) that the reading pane carries for screen readers, which
 * change far less often. When the adapter stops finding the message, this is the one place to update.
 * The labels are the English UI's; other UI languages are listed where Outlook translates them.
 */
export const outlookSelectors = {
  /** The reading pane that shows the open conversation. */
  readingPane: '[aria-label="Reading Pane"], [aria-label="阅读窗格"], #ReadingPaneContainerId',
  /** One message in the pane; the last one is the newest. */
  message: '[aria-label="Email message"], [aria-label="电子邮件"]',
  /** The conversation subject. */
  subject: '[role="heading"][aria-level="2"]',
  /** Sender and recipients: elements whose label starts with the field name and whose text is "Name <address>". */
  fromLabels: ['From:', '发件人:'],
  toLabels: ['To:', '收件人:'],
  ccLabels: ['Cc:', '抄送:'],
  /** The date line of a message. */
  date: '[aria-label="Date sent"], [aria-label="发送日期"]',
  /** The message body. */
  body: '[aria-label="Message body"], [aria-label="邮件正文"]',
  /** Outlook's own id of the conversation item, when the message element carries one. */
  messageIdAttributes: ['data-item-id', 'data-convid'],
} as const;
