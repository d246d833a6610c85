import { trimBlankLines } from './reply-text';
import { displayWidth, isContactLine, isDeviceTagline, isDisclaimerStart, isProse, isSignOff } from './signature-lines';

export interface SignatureBlock {
  /** The sender's text without the signature, device taglines and disclaimer. */
  body: string;
  /** The signature block (sign-off, name, title, company, phones, website), or null when there is none. */
  signature: string | null;
}

/** A signature is short: a block taller than this is a letter, not a signature. */
const maxSignatureLines = 15;

/** RFC 3676 §4.3 delimiter "-- " (and the "--" that clients leave after trimming trailing spaces). */
const delimiter = /^--[ \t]?$/;

/** "-Abhishek Kona", "/John", "—Li Lei": a name signed with a dash or slash, no space after it. */
const dashedName = /^[-–—/][\p{Lu}\p{Script=Han}][\p{L}.' -]{0,40}$/u;

/** Index of a dashed-name sign-off among the last three non-blank lines above a list footer, or -1. */
export function dashedNameLine(lines: readonly string[]): number {
  let seen = 0;
  const footer = listFooterLine(lines);
  for (let i = (footer >= 0 ? footer : lines.length) - 1; i >= 0 && seen < 3; i--) {
    const line = lines[i]!.trim();
    if (!line) continue;
    seen++;
    if (dashedName.test(line)) return i;
  }
  return -1;
}

/** A long underscore rule: mailing-list managers (Mailman) put their footer below one. */
export const footerRule = /^_{10,}\s*$/;

/** Index of a footer rule among the last eight lines, or -1. */
export function listFooterLine(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 8; i--) if (footerRule.test(lines[i]!)) return i;
  return -1;
}

/** `-- ` or `--` alone on a line. */
export function isSignatureDelimiter(line: string): boolean {
  return delimiter.test(line);
}

/**
 * Splits the sender's own text (quotes already removed) into body and signature: the lines after a `-- ` delimiter;
 * otherwise the block at the end that starts at a sign-off ("Best regards,", "此致 / 敬礼") or, failing that, at the
 * short name / title / company lines just above the first contact line (phone, address, website, 电话：/手机：/邮箱：).
 * Device taglines ("Sent from my iPhone", "发自我的iPhone") and a trailing disclaimer are dropped from both.
 */
export function signatureBlock(ownText: string, options: { senderName?: string } = {}): SignatureBlock {
  let lines = trimBlankLines(ownText.split('\n'));

  const disclaimer = lines.findIndex((line, i) => i > 0 && isDisclaimerStart(line));
  if (disclaimer > 0) lines = trimBlankLines(lines.slice(0, disclaimer));
  lines = trimBlankLines(lines.filter((line) => !isDeviceTagline(line)));

  const cut = lines.findIndex(isSignatureDelimiter);
  if (cut >= 0) {
    const signature = trimBlankLines(lines.slice(cut + 1));
    return { body: trimBlankLines(lines.slice(0, cut)).join('\n'), signature: signature.join('\n') || null };
  }

  const dashed = dashedNameLine(lines);
  const start = dashed >= 0 ? dashed : (signatureStart(lines) ?? senderNameStart(lines, options.senderName));
  if (start === null) return { body: lines.join('\n'), signature: null };
  return {
    body: trimBlankLines(lines.slice(0, start)).join('\n'),
    signature: trimBlankLines(lines.slice(start)).join('\n'),
  };
}

/** Index of the first line of the signature block at the end of `lines`, or null. */
function signatureStart(lines: readonly string[]): number | null {
  // The region: the trailing lines up to the first prose line, two blank lines in a row, or the size limit.
  let top = lines.length;
  let count = 0;
  let blanks = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (isSignOff(line) && signsOff(lines.slice(i + 1))) {
      // "此致\n敬礼": both closing lines belong to the signature.
      let first = i;
      while (first > 0 && isSignOff(lines[first - 1]!)) first--;
      return first;
    }
    if ((isProse(line) && !isContactLine(line)) || ++count > maxSignatureLines) break;
    top = i;
  }
  if (top >= lines.length) return null;

  const firstContact = lines.findIndex((line, i) => i >= top && isContactLine(line));
  if (firstContact < 0) return null;
  // Name, title and company sit just above the contact lines: up to four short lines. Blank lines between them
  // only when the block itself is spaced out (a blank line after each line, as some clients' HTML gives).
  const spaced = !(lines[firstContact + 1] ?? 'x').trim();
  let start = firstContact;
  let names = 0;
  for (let i = firstContact - 1; i >= top && names < 4; i--) {
    const line = lines[i]!;
    if (!line.trim()) {
      if (spaced) continue;
      break;
    }
    if (!isNameLike(line)) break;
    names++;
    start = i;
  }
  // A single line that is all the sender wrote ("Call me: 138 0013 8000") is the message, not a signature.
  if (start === 0 && lines.filter((line) => line.trim()).length < 2) return null;
  // A rule drawn above the block ("----------------") belongs to it.
  let above = start - 1;
  while (above >= 0 && !lines[above]!.trim()) above--;
  if (above >= 0 && ruleLine.test(lines[above]!)) start = above;
  return start;
}

const ruleLine = /^\s*(?:-{3,}|_{3,}|={3,}|\*{3,})\s*$/;

/** The sender's name on a short line near the end ("Stavros Xxxxxx\nvia mobile", "Tom"), when nothing else marks it. */
function senderNameStart(lines: readonly string[], senderName: string | undefined): number | null {
  const name = senderName
    ?.replace(/["'“”,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name || name.includes('@')) return null;
  const first = name.split(' ')[0]!;
  // The name must stand alone as a word: "Tom" signs "Tom", not "Tomorrow works".
  const startsWithWord = (line: string, word: string) =>
    line.startsWith(word) && !/^[\p{L}\p{N}]/u.test(line.slice(word.length));
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 4; i--) {
    const line = lines[i]!.trim();
    if (!line) continue;
    seen++;
    if (displayWidth(line) > 48 || isProse(line)) continue;
    if (startsWithWord(line, name) || (first.length >= 2 && startsWithWord(line, first))) return i;
  }
  return null;
}

/** What follows a sign-off in a signature: names, titles, companies and contact lines, nothing else. */
function signsOff(after: readonly string[]): boolean {
  return after.every((line) => !line.trim() || isNameLike(line) || isContactLine(line) || isSignOff(line));
}

function isNameLike(line: string): boolean {
  const text = line.trim();
  // "John E. Doe, Ph.D." and "Acme Inc." end with a full stop; a sentence is caught by isProse first.
  // "Head of Operations | Brightline Logistics Pte Ltd": title and company often share one line.
  return text.length > 0 && displayWidth(text) <= 64 && !/[?!。？！:：,，；;]$/u.test(text);
}
