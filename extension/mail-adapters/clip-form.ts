import { normaliseEmail } from '../../shared/normalise/email';
import { normalisePhone, phoneToString } from '../../shared/normalise/phone';
import type { Candidate } from '../../shared/schema/candidate';
import type { ParsedEmail } from '../capture/mail/parsed-email';

/** The clip preview's editable fields, as the inputs hold them (lists comma-separated). */
export interface ClipForm {
  name: string;
  title: string;
  org: string;
  emails: string;
  phones: string;
  website: string;
  address: string;
}

export type ClipFormProblem = { kind: 'badPhone'; value: string } | { kind: 'noName' };

/**
 * The lead a parsed mail offers, before the rep edits it: the signature block's Candidate (already completed with
 * the From header by the mail core), or, when the mail has no signature, the From header's name and address.
 */
export function mailCandidate(parsed: ParsedEmail): Candidate {
  if (parsed.signature) return parsed.signature;
  const from = parsed.from;
  const name = from?.name.trim() && !from.name.includes('@') ? from.name.trim().slice(0, 200) : null;
  return {
    name,
    title: null,
    org: null,
    emails: from?.address ? [from.address.toLowerCase()] : [],
    phones: [],
    website: null,
    address: null,
    kind: 'person',
    evidence: { ...(name ? { name: ['email-header'] } : {}), ...(from?.address ? { emails: ['email-header'] } : {}) },
  };
}

export function formOf(candidate: Candidate): ClipForm {
  return {
    name: candidate.name ?? '',
    title: candidate.title ?? '',
    org: candidate.org ?? '',
    emails: candidate.emails.join(', '),
    phones: candidate.phones.join(', '),
    website: candidate.website ?? '',
    address: candidate.address ?? '',
  };
}

const split = (text: string) =>
  text
    // `;` separates items too, except in an E.164 extension (`+8675588886666;ext=801`).
    .split(/[,，；、\n]+|;(?!ext=)/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * The rep's edited form as the Candidate to save: phones to E.164 (one that does not read as a phone number is a
 * problem naming it), emails normalised (text that is not an address is dropped), evidence kept from the mail.
 */
export function candidateOf(
  form: ClipForm,
  base: Candidate,
  defaultRegion: 'CN' | string = 'CN',
): { candidate: Candidate | null; problems: ClipFormProblem[] } {
  const problems: ClipFormProblem[] = [];
  const phones: string[] = [];
  for (const text of split(form.phones)) {
    const phone = normalisePhone(text, { defaultRegion: defaultRegion as 'CN' });
    if (phone) phones.push(phoneToString(phone));
    else problems.push({ kind: 'badPhone', value: text });
  }
  const emails = split(form.emails)
    .map((text) => normaliseEmail(text))
    .filter((e): e is string => e !== null);
  const name = orNull(form.name);
  if (!name && emails.length === 0) problems.push({ kind: 'noName' });
  if (problems.length > 0) return { candidate: null, problems };
  return {
    candidate: {
      name: name?.slice(0, 200) ?? null,
      title: orNull(form.title)?.slice(0, 200) ?? null,
      org: orNull(form.org)?.slice(0, 300) ?? null,
      emails: [...new Set(emails)].slice(0, 50),
      phones: [...new Set(phones)].slice(0, 50),
      website: orNull(form.website),
      address: orNull(form.address)?.slice(0, 1000) ?? null,
      // A role address (sales@) the rep has put a person's name on is that person's.
      kind: base.kind === 'organisation' && !form.org.trim() ? 'organisation' : name ? 'person' : base.kind,
      evidence: base.evidence,
    },
    problems,
  };
}
