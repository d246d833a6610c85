import PostalMime, { type Address, type Email } from 'postal-mime';
import type { Candidate, EvidenceSource } from '../../../shared/schema/candidate';
import { candidatesFromText } from '../labelled-text';
import { withDecodableLabels } from './charset-labels';
import { textFromHtml } from './html-text';
import { MailError } from './mail-error';
import { checkMailHeaders } from './mail-headers-check';
import { replyText } from './reply-text';
import { listFooterLine, signatureBlock } from './signature-block';
import { isSignOff } from './signature-lines';
import { withSimplifiedLabels } from './simplified-labels';
import { withUndeclaredCharset } from './undeclared-charset';
import { withWindows1252Punctuation } from './windows-1252';

export interface MailAddress {
  name: string;
  address: string;
}

/** The `leadcard parse-email` result (DESIGN §9). */
export interface ParsedEmail {
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string | null;
  /** ISO 8601, or null when the Date header is missing or unreadable. */
  date: string | null;
  /** Without the angle brackets, as Gmail and Outlook on the web show it. */
  messageId: string | null;
  /** The sender's own new text: no quoted reply, no forwarded block, no signature. */
  body: string;
  /** Whether quoted or forwarded text was removed from `body`. */
  quoted: boolean;
  signature: Candidate | null;
}

export interface ParseEmailOptions {
  /** Region for phone numbers without a country code (DESIGN §3: CN by default). */
  defaultRegion?: string;
}

/**
 * Parses an `.eml` file: MIME, RFC 2047 headers and legacy charsets (postal-mime, with every GB-family label read as
 * GB18030, odd UTF-8 labels as UTF-8 and windows-1252 punctuation repaired), picks the text part (or the HTML one, as text), removes what the
 * sender did not write, and reads the signature block into a Candidate. Rejects with a MailError when the bytes are
 * not a mail.
 */
export async function parseEmail(raw: Uint8Array, options: ParseEmailOptions = {}): Promise<ParsedEmail> {
  const { mail, text } = await readMail(raw);
  const from = mail.from ? (mailboxes([mail.from])[0] ?? null) : null;
  const header = {
    from,
    to: mailboxes(mail.to ?? []),
    cc: mailboxes(mail.cc ?? []),
    subject: mail.subject ? withWindows1252Punctuation(mail.subject) : null,
    date: isoDate(mail.date),
    messageId: mail.messageId ? mail.messageId.trim().replace(/^<|>$/g, '') || null : null,
  };
  return parsedFromText(header, text, options);
}

export type MailHeader = Pick<ParsedEmail, 'from' | 'to' | 'cc' | 'subject' | 'date' | 'messageId'>;

/**
 * The parse-email result for a mail whose header is known and whose body is text: the reply split off from
 * quotes and forwards, the signature read into a Candidate. Shared by `.eml` files and webmail pages.
 */
export function parsedFromText(header: MailHeader, text: string, options: ParseEmailOptions = {}): ParsedEmail {
  const reply = replyText(text);
  const { body, signature } = signatureBlock(reply.text, { senderName: header.from?.name });
  return {
    ...header,
    body,
    quoted: reply.quoted,
    signature: signatureCandidate(signature, header.from, options.defaultRegion ?? 'CN'),
  };
}

/**
 * The parsed MIME message and its readable text: the text part when there is one with content, otherwise the HTML
 * part as text. Rejects with a MailError when the bytes are not a mail.
 */
export async function readMail(raw: Uint8Array): Promise<{ mail: Email; text: string }> {
  checkMailHeaders(raw);
  let mail: Email;
  try {
    mail = await PostalMime.parse(withDecodableLabels(raw), { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    throw new MailError(
      'mime',
      `the MIME structure cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let text = mail.text?.trim() ? mail.text : mail.html?.trim() ? textFromHtml(mail.html) : '';
  if (declaresNoCharset(mail)) text = withUndeclaredCharset(text);
  return { mail, text: withWindows1252Punctuation(text) };
}

/**
 * A single text part labelled us-ascii: 8-bit bytes in it were never declared. (A part with no label at all is
 * decoded as UTF-8 by postal-mime, which cannot be undone.)
 */
function declaresNoCharset(mail: Email): boolean {
  const type = mail.headers.find((h) => h.key === 'content-type')?.value ?? 'text/plain';
  if (!/^\s*text\//i.test(type)) return false;
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
  return charset === 'us-ascii' || charset === 'ascii';
}

function mailboxes(addresses: readonly Address[]): MailAddress[] {
  return addresses
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((box) => ({
      name: withWindows1252Punctuation(box.name ?? '').trim(),
      address: (box.address ?? '').trim(),
    }));
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * The person in the signature block, named and reachable with help from the From header: the display name when
 * the signature gives none, and the sender's address added to the signature's. Fields read from the block carry the
 * evidence `signature`; fields from the header, `email-header`.
 */
export function signatureCandidate(
  signature: string | null,
  from: MailAddress | null,
  defaultRegion: string,
): Candidate | null {
  if (!signature) return null;
  let lines = signature.split('\n');
  // A mailing list's footer below the signature lists the list's address, not the sender's.
  const footer = listFooterLine(lines);
  if (footer > 0) lines = lines.slice(0, footer);
  lines = lines.filter((line) => !isSignOff(line));
  const found = candidatesFromText(withSimplifiedLabels(lines.join('\n')), { defaultRegion });
  const best = found.find((c) => c.kind === 'person') ?? found.find((c) => c.kind !== 'role-address') ?? found[0];
  if (!best && !from) return null;

  const result: Candidate = best
    ? { ...best, evidence: relabel(best.evidence) }
    : {
        name: null,
        title: null,
        org: null,
        emails: [],
        phones: [],
        website: null,
        address: null,
        kind: 'person',
        evidence: {},
      };
  if (from) {
    const displayName = from.name.replace(/^["'“]|["'”]$/g, '').trim();
    if (!result.name && displayName && !displayName.includes('@')) {
      // The Candidate schema caps a name at 200 characters; a display name can be anything.
      result.name = displayName.slice(0, 200);
      result.evidence.name = ['email-header'];
    }
    const address = from.address.toLowerCase();
    if (
      address &&
      address.length <= 320 &&
      result.emails.length < 50 &&
      !result.emails.some((e) => e.toLowerCase() === address)
    ) {
      result.emails = [...result.emails, address];
      result.evidence.emails = [...(result.evidence.emails ?? []), 'email-header'];
    }
  }
  if (!best && !result.name && result.emails.length === 0) return null;
  return result;
}

/** Text found in a signature block is `signature` evidence rather than page `text`. */
function relabel(evidence: Candidate['evidence']): Candidate['evidence'] {
  const out: Candidate['evidence'] = {};
  for (const [field, sources] of Object.entries(evidence)) {
    out[field] = [...new Set(sources.map((s): EvidenceSource => (s === 'text' ? 'signature' : s)))];
  }
  return out;
}
