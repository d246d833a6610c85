import { textFromHtml } from './html-text';
import type { OpenMessage } from './open-message';
import { type ParsedEmail, type ParseEmailOptions, parsedFromText } from './parsed-email';

/**
 * A webmail message read by a site adapter, as the same result `leadcard parse-email` gives for an `.eml`:
 * the body HTML becomes text (nothing rendered or run), then the reply, quote and signature split as for a file.
 * Runs away from the page (the background or side panel), where the heavier parsers are loaded on demand.
 */
export function parsedOpenMessage(message: OpenMessage, options: ParseEmailOptions = {}): ParsedEmail {
  const { bodyHtml, pageMessageId: _page, ...header } = message;
  return parsedFromText(header, textFromHtml(bodyHtml), options);
}
