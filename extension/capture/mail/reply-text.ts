import {
  attributionLines,
  type HeaderKey,
  headerBlockLines,
  headerField,
  separatorKind,
  sharedLineSplit,
} from './quote-headers';
import { isDeviceTagline } from './signature-lines';

/** The header fields of a quoted or forwarded message, as written in the block that introduced it. */
export type EmbeddedHeader = Partial<Record<HeaderKey, string>>;

export interface ReplyText {
  /** The sender's own lines: quoted replies and forwarded blocks removed; the signature is still in. */
  text: string;
  /** Whether anything quoted or forwarded was removed. */
  quoted: boolean;
  /** Whether a forwarded message was removed. */
  forwarded: boolean;
  /** The header block of the first quoted or forwarded message (Outlook, Foxmail, QQ, Gmail forwards), if any. */
  embedded: EmbeddedHeader | null;
}

const quoteMarker = /^[ \t]{0,3}>/;
/** Outlook and Foxmail draw a rule above the quoted header block. */
const ruleLine = /^\s*(?:_{5,}|-{5,}|={5,}|—{3,})\s*$/;

/**
 * Splits a plain-text mail body into the sender's own text and what is not theirs: `>` lines, the rest after an
 * attribution that is not followed by `>` lines, after a separator ("-----Original Message-----", "------------------
 * 原始邮件 ------------------", "---------- Forwarded message ---------", "Begin forwarded message:") or after a quoted
 * header block (From:/Sent:/To:/Subject:, 发件人/发送时间/收件人/主题). Own text below a `>` quote (bottom posting,
 * inline answers) is kept. One pass over the lines.
 */
export function replyText(body: string): ReplyText {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const own: string[] = [];
  let quoted = false;
  let forwarded = false;
  let embedded: EmbeddedHeader | null = null;

  const cutAt = (i: number) => {
    quoted = true;
    while (own.length && (!own.at(-1)!.trim() || ruleLine.test(own.at(-1)!))) own.pop();
    embedded = embeddedHeader(lines, i);
  };

  // The first quote, markers removed: a forward quoted by the client ("> Begin forwarded message:") has its header there.
  const firstQuote: string[] = [];
  let inFirstQuote = true;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isQuoted(lines, i)) {
      quoted = true;
      if (inFirstQuote && firstQuote.length < 200) firstQuote.push(line.replace(/^[ \t]{0,3}> ?/, ''));
      // A quote takes the blank lines after it along: the reply around it closes up as the sender saw it.
      while (i + 1 < lines.length && !isQuoted(lines, i + 1) && !lines[i + 1]!.trim()) i++;
      continue;
    }
    if (firstQuote.length) inFirstQuote = false;
    const separator = separatorKind(line);
    if (separator && nextIsQuoted(lines, i + 1)) {
      // "Begin forwarded message:" above a quoted original: the quote goes line by line, own text below it stays.
      forwarded ||= separator === 'forward';
      quoted = true;
      while (i + 1 < lines.length && !lines[i + 1]!.trim()) i++;
      continue;
    }
    if (separator) {
      forwarded = separator === 'forward';
      cutAt(i + 1);
      break;
    }
    if (headerBlockLines(lines, i) > 0) {
      cutAt(i);
      break;
    }
    const shared = sharedLineSplit(line);
    if (shared >= 0) {
      own.push(line.slice(0, shared));
      lines[i] = line.slice(shared);
    }
    const attribution = attributionLines(lines, i);
    if (attribution > 0) {
      quoted = true;
      let next = i + attribution;
      while (next < lines.length && !lines[next]!.trim()) next++;
      if (next < lines.length && quoteMarker.test(lines[next]!)) {
        // The quote that follows is dropped line by line; own text below it (bottom posting) is kept.
        i = next - 1;
        continue;
      }
      cutAt(i + attribution);
      break;
    }
    own.push(line);
    if (isDeviceTagline(line) && hasUnquotedTextAfter(lines, i + 1)) {
      // Phone clients put the original below their tagline without quote markers ("Sent from my Wiko …").
      quoted = true;
      break;
    }
  }
  if (!embedded && firstQuote.length) {
    const inner = quotedHeader(firstQuote);
    embedded = inner.embedded;
    forwarded ||= inner.forwarded;
  }
  return { text: trimBlankLines(own).join('\n'), quoted, forwarded, embedded };
}

/** The header block of a forward or reply inside a quote, found the same way as at the top level. */
function quotedHeader(lines: readonly string[]): { embedded: EmbeddedHeader | null; forwarded: boolean } {
  for (let i = 0; i < lines.length; i++) {
    const separator = separatorKind(lines[i]!);
    if (separator) return { embedded: embeddedHeader(lines, i + 1), forwarded: separator === 'forward' };
    if (headerBlockLines(lines, i) > 0) return { embedded: embeddedHeader(lines, i), forwarded: false };
  }
  return { embedded: null, forwarded: false };
}

function nextIsQuoted(lines: readonly string[], from: number): boolean {
  for (let j = from; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.trim()) return quoteMarker.test(line);
  }
  return false;
}

function hasUnquotedTextAfter(lines: readonly string[], from: number): boolean {
  for (let j = from; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.trim()) return !quoteMarker.test(line);
  }
  return false;
}

/**
 * A `>` line, or an unmarked line wedged between two `>` lines with no blank line around it: a quoted line that a
 * client wrapped without repeating the marker (long links do this).
 */
function isQuoted(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  if (quoteMarker.test(line)) return true;
  if (!line.trim() || i === 0 || i + 1 >= lines.length) return false;
  return quoteMarker.test(lines[i - 1]!) && quoteMarker.test(lines[i + 1]!);
}

const unquote = (line: string) => line.replace(/^[ \t]{0,3}>[ \t]?/, '');

function nextFieldAfterBlank(lines: readonly string[], from: number): boolean {
  for (let j = from; j < lines.length && j < from + 4; j++) {
    const line = unquote(lines[j]!);
    if (line.trim()) return headerField(line) !== null;
  }
  return false;
}

/** Reads the header fields that follow a separator or start a header block, stopping at the first other line. */
function embeddedHeader(lines: readonly string[], from: number): EmbeddedHeader | null {
  let i = from;
  while (i < lines.length && !lines[i]!.trim()) i++;
  const header: EmbeddedHeader = {};
  let found = false;
  for (; i < lines.length; i++) {
    // Apple Mail quotes the forwarded header under "Begin forwarded message:".
    const line = unquote(lines[i]!);
    if (!line.trim()) {
      // HTML mail and BlackBerry leave blank lines between the fields; a blank line ends the block only when
      // no field follows it.
      if (found && !nextFieldAfterBlank(lines, i)) break;
      continue;
    }
    const field = headerField(line);
    if (!field) break;
    if (header[field.key] === undefined) header[field.key] = field.value;
    found = true;
  }
  return found ? header : null;
}

/** Gmail add-ons leave a lone "ᐧ" (U+1427, a tracking pixel's alt text) at the end; it is as good as blank. */
const isBlank = (line: string) => /^[\s\u1427\u200b\ufeff]*$/.test(line);

export function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start++;
  while (end > start && isBlank(lines[end - 1]!)) end--;
  return lines.slice(start, end);
}
