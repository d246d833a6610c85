import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { headerField } from '../quote-headers';
import { replyText } from '../reply-text';
import { corpus, passRate, visibleText } from './corpus';

/**
 * discourse/email_reply_trimmer: the sender's text (`trimmed/`) of 64 mails, quote headers in fourteen languages
 * (embedded_email_chinese: 在 2016年12月12日，下午8:45，… 写道：); forwarded and embedded messages (`before/` is the
 * text above, `embedded/` the message from its header block on); one mail with no embedded message.
 * Files are compared after trimming, as the reference test does.
 */
const trimmer = corpus('email_reply_trimmer');
const files = (folder: string) => (trimmer.exists ? readdirSync(resolve(trimmer.dir, 'test', folder)).sort() : []);
const read = (folder: string, name: string) => trimmer.text(`test/${folder}/${name}`).trim();

const knownDifferences: Record<string, string> = {
  'quote_only.txt':
    "Discourse keeps a quote when it is all the mail says, so that a post is never empty; a quote is never the sender's body here",
  'quote_and_text.txt': 'Discourse keeps a leading quote above the reply text (it is the context of a forum post)',
  'embedded_email_7.txt':
    'Discourse keeps an inline "> Hello" quote between own lines and reads "C>" as a quote marker',
  'embedded_email_16.txt': 'Discourse keeps the quoted conversation when it is interleaved with the reply',
  'embedded_email_17.txt': 'Discourse keeps the quoted conversation when it is interleaved with the reply',
  'embedded_email_18.txt':
    'the reply sits below quoted lines that Discourse keeps; here the quote goes and the reply with it is read as a forward',
  'embedded_email_19.txt':
    'Discourse keeps a "—Ryan" sign-off as text; Leadcard reads a dashed name as the signature (github/email_reply_parser does too)',
  'forwarded_message.txt':
    'Discourse keeps a forwarded message when it is the whole mail; the body never contains a forwarded block (DESIGN §9)',
  'embedded_email_11.txt':
    '"2016-03-03 17:21 GMT+01:00 Some One" with no address and no quote below is not taken as an attribution (too loose)',
  'embedded_email_12.txt':
    'Polymail\'s five-line attribution ("<", "mailto:…", "> wrote:"), past the three-line window',
  'embedded_email_4.txt': 'the quote below the attribution is marked with "|" rather than ">"',
};

describe.skipIf(!trimmer.exists)(trimmer.title, () => {
  const rate = passRate('email_reply_trimmer');

  test.each(files('trimmed'))('trimmed/%s', (name) => {
    const mine = visibleText(read('emails', name));
    const ok = rate.check(`trimmed/${name}`, mine === read('trimmed', name));
    if (name in knownDifferences) expect(ok, knownDifferences[name]).toBe(false);
    else expect(mine).toBe(read('trimmed', name));
  });

  const embeddedDifferences: Record<string, string> = {
    'embedded_email_10.txt':
      'Discourse takes the innermost of three nested replies as "the" embedded mail, so its "before" holds two quoted replies',
  };

  test.each(files('embedded'))('embedded/%s: the text before and the embedded header', (name) => {
    const split = replyText(read('emails', name));
    const header: Record<string, string> = {};
    for (const line of read('embedded', name).split('\n')) {
      const field = headerField(line);
      if (!field) break;
      header[field.key] ??= field.value;
    }
    const sameHeader = Object.entries(header).every(([key, value]) => split.embedded?.[key as 'from'] === value);
    const ok = rate.check(`embedded/${name}`, split.text.trim() === read('before', name) && split.quoted && sameHeader);
    if (name in embeddedDifferences) expect(ok, embeddedDifferences[name]).toBe(false);
    else
      expect({ before: split.text.trim(), header: split.embedded }).toEqual({
        before: read('before', name),
        header: expect.objectContaining(header),
      });
  });

  test('matchers/does_not_contain_embedded_email.txt has no embedded message', () => {
    const split = replyText(read('matchers', 'does_not_contain_embedded_email.txt'));
    rate.check('matchers/does_not_contain_embedded_email', !split.forwarded && split.embedded === null);
    expect(split.embedded).toBeNull();
    expect(split.forwarded).toBe(false);
  });
});
