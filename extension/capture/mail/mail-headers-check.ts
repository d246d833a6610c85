import { MailError } from './mail-error';

/** Larger than any mail a rep clips by hand; beyond it the file is rejected rather than parsed. */
export const maxMailBytes = 50 * 1024 * 1024;

const fieldLine = /^[!-9;-~]{1,200}[ \t]*:/;
const continuationLine = /^[ \t]/;
const mboxEnvelope = /^From /;
const knownFields =
  /^(?:from|to|cc|subject|date|message-id|received|mime-version|content-type|return-path|reply-to|sender|delivered-to)$/;

/**
 * Throws a MailError unless `raw` starts with an RFC 5322 header section: every line up to the first blank line is a
 * `Name: value` field or its folded continuation, no NUL bytes, and at least one field a mail carries. postal-mime
 * accepts anything, so this is what turns a text file, a binary or an empty file into a clear one-line refusal.
 */
export function checkMailHeaders(raw: Uint8Array): void {
  if (raw.length === 0) throw new MailError('empty', 'the file is empty');
  if (raw.length > maxMailBytes)
    throw new MailError('too-large', `the file is larger than ${maxMailBytes / 1024 / 1024} MB`);
  const head = headerSection(raw);
  if (!head.trim()) throw new MailError('blank', 'the file is empty (whitespace only)');
  if (head.includes('\0')) throw new MailError('binary', 'binary data, not an email (NUL bytes in the header section)');
  const lines = head.split(/\r?\n/);
  // A mail with no body ends its header section at the end of the file, often after a final line break.
  while (lines.length > 1 && lines.at(-1) === '') lines.pop();
  let first = 0;
  if (mboxEnvelope.test(lines[0] ?? '')) first = 1;
  let known = 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    if (continuationLine.test(line) && i > first) continue;
    if (!fieldLine.test(line)) {
      const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line;
      throw new MailError(
        'not-a-mail',
        `not an email: header line ${i + 1} is not "Name: value" (${JSON.stringify(shown)})`,
      );
    }
    if (knownFields.test(line.slice(0, line.indexOf(':')).trim().toLowerCase())) known++;
  }
  if (known === 0)
    throw new MailError('no-mail-headers', 'not an email: no From, To, Subject, Date or Message-ID header');
}

/** The header section as one char per byte (field names are ASCII), up to the first empty line or 256 KB. */
function headerSection(raw: Uint8Array): string {
  const limit = Math.min(raw.length, 256 * 1024);
  let end = limit;
  for (let i = 0; i < limit; i++) {
    if (raw[i] !== 0x0a) continue;
    const next = raw[i + 1];
    if (next === 0x0a || (next === 0x0d && raw[i + 2] === 0x0a)) {
      end = i;
      break;
    }
  }
  let text = '';
  for (let i = 0; i < end; i += 0x8000) text += String.fromCharCode(...raw.subarray(i, Math.min(end, i + 0x8000)));
  return text;
}
