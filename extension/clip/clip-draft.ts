import { normaliseEmail } from '../../shared/normalise/email';
import { normalisePhone, phoneToString } from '../../shared/normalise/phone';
import type { Candidate } from '../../shared/schema/candidate';
import type { AccountFields, ContactFields } from '../../shared/schema/entities';
import type { PageCapture } from './page-capture';

export type ClipMode = 'page' | 'selection';
export type LeadSource = AccountFields['source'];
export type BuyingRole = NonNullable<ContactFields['buyingRole']>;

/** One lead's editable form, as its inputs hold it (lists comma-separated). */
export interface ClipFields {
  name: string;
  title: string;
  company: string;
  emails: string;
  phones: string;
  address: string;
  website: string;
  source: LeadSource;
  tags: string;
  buyingRole: BuyingRole | '';
}

/** One lead of the preview: what the page gave (`base`), the rep's edits, and whether to keep it. */
export interface ClipDraft {
  key: string;
  keep: boolean;
  fields: ClipFields;
  base: Candidate;
}

export type ClipProblem = { kind: 'badPhone'; value: string } | { kind: 'noName' };

/** What the rep adds beyond the candidate: the lead's source, tags and the contact's buying role. */
export interface ClipExtras {
  source: LeadSource;
  tags: string[];
  buyingRole: BuyingRole | null;
}

function fieldsOf(candidate: Candidate, organisation: Candidate | null): ClipFields {
  const isOrg = candidate.kind === 'organisation';
  return {
    name: isOrg ? '' : (candidate.name ?? ''),
    title: candidate.title ?? '',
    company: (isOrg ? candidate.name : candidate.org) ?? organisation?.name ?? '',
    emails: candidate.emails.join(', '),
    phones: candidate.phones.join(', '),
    address: candidate.address ?? (isOrg ? '' : ''),
    website: candidate.website ?? organisation?.website ?? '',
    source: 'web',
    tags: '',
    buyingRole: '',
  };
}

/** The page's organisation as the one empty lead of a page where nothing was found (never an error). */
function organisationCandidate(organisation: Candidate | null, url: string): Candidate {
  if (organisation) return organisation;
  let website: string | null = null;
  try {
    const parsed = new URL(url);
    if (/^https?:$/.test(parsed.protocol)) website = parsed.origin;
  } catch {
    website = null;
  }
  return {
    name: null,
    title: null,
    org: null,
    emails: [],
    phones: [],
    website,
    address: null,
    kind: 'organisation',
    evidence: {},
  };
}

/**
 * The preview's leads: every person found (a team page lists them all, none ticked, the rep picks whom to keep;
 * a page with one lead has it ticked), role mailboxes last and unticked. A selection clip reads only the
 * selected text. Nothing found → one form with the page's organisation filled in.
 */
export function draftsOf(capture: PageCapture, mode: ClipMode): ClipDraft[] {
  const organisation = capture.extraction.organisation;
  const found = mode === 'selection' && capture.selection ? capture.selection.contacts : capture.extraction.contacts;
  if (found.length === 0) {
    const org = organisationCandidate(organisation, capture.url);
    return [{ key: 'org', keep: true, fields: { ...fieldsOf(org, null), website: org.website ?? '' }, base: org }];
  }
  const people = found.filter((c) => c.kind === 'person').length;
  return found.map((candidate, i) => ({
    key: `c${i}`,
    keep: candidate.kind === 'person' ? people === 1 : found.length === 1,
    fields: fieldsOf(candidate, organisation),
    base: candidate,
  }));
}

const split = (text: string) =>
  text
    .split(/[,;，；、\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
const orNull = (text: string, max: number) => (text.trim() === '' ? null : text.trim().slice(0, max));

/**
 * The rep's edited form as the Candidate to save and the extras: phones to E.164 (text that is not a phone
 * number is a problem naming it), emails normalised, evidence kept from the page. A form with neither a name,
 * a company nor an email cannot be saved.
 */
export function candidateOfDraft(
  fields: ClipFields,
  base: Candidate,
  defaultRegion = 'CN',
): { candidate: Candidate | null; extras: ClipExtras; problems: ClipProblem[] } {
  const problems: ClipProblem[] = [];
  const phones: string[] = [];
  for (const text of split(fields.phones)) {
    const phone = normalisePhone(text, { defaultRegion: defaultRegion as 'CN' });
    if (phone) phones.push(phoneToString(phone));
    else problems.push({ kind: 'badPhone', value: text });
  }
  const emails = [...new Set(split(fields.emails).flatMap((t) => normaliseEmail(t) ?? []))].slice(0, 20);
  const name = orNull(fields.name, 200);
  const company = orNull(fields.company, 300);
  const extras: ClipExtras = {
    source: fields.source,
    tags: [...new Set(split(fields.tags).map((tag) => tag.slice(0, 60)))].slice(0, 50),
    buyingRole: fields.buyingRole || null,
  };
  if (!name && !company && emails.length === 0) problems.push({ kind: 'noName' });
  if (problems.length > 0) return { candidate: null, extras, problems };
  // A role mailbox the rep put a person's name on is that person's; a form without a person is the company.
  const kind: Candidate['kind'] = name
    ? 'person'
    : base.kind === 'role-address' && emails.length > 0
      ? 'role-address'
      : 'organisation';
  return {
    candidate: {
      name: kind === 'organisation' ? company : name,
      title: kind === 'person' ? orNull(fields.title, 200) : null,
      org: company,
      emails,
      phones: [...new Set(phones)].slice(0, 20),
      website: orNull(fields.website, 2048),
      address: orNull(fields.address, 1000),
      kind,
      evidence: base.evidence,
    },
    extras,
    problems,
  };
}
