import type { Candidate, EvidenceSource } from '../../shared/schema/candidate';

/**
 * A candidate as a source found it: the public Candidate plus where on the page it was,
 * which the merge step needs (page order for team pages, the footer for the site's switchboard).
 */
export interface Found extends Candidate {
  /** Document order of the element it came from; lower is earlier. */
  position: number;
  /** Found inside the page footer: site-wide contact data, the organisation's rather than a person's. */
  inFooter: boolean;
  /** The position is only approximate (text read from a whole region, not from one element). */
  approximate?: boolean;
  /** Fax numbers seen (传真 / Fax): never a phone of anyone on the page, whichever source offers them. */
  faxes?: string[];
}

/** Fields of a Candidate that carry evidence. */
export type EvidenceField = 'name' | 'title' | 'org' | 'emails' | 'phones' | 'website' | 'address';

/** An empty candidate of `kind`, ready to be filled by a source. */
export function emptyFound(kind: Candidate['kind'] = 'person', position = 0, inFooter = false): Found {
  return {
    name: null,
    title: null,
    org: null,
    emails: [],
    phones: [],
    website: null,
    address: null,
    kind,
    evidence: {},
    position,
    inFooter,
    approximate: false,
  };
}

/** Records that `source` gave `field` (once). */
export function addEvidence(found: Candidate, field: EvidenceField, source: EvidenceSource): void {
  const list = found.evidence[field] ?? [];
  if (!list.includes(source)) list.push(source);
  found.evidence[field] = list;
}

/** True when the candidate carries nothing a rep could use. */
export function isEmptyCandidate(c: Candidate): boolean {
  return !c.name && !c.title && !c.org && c.emails.length === 0 && c.phones.length === 0 && !c.website && !c.address;
}

/** The public Candidate without the page-position bookkeeping (what the CLI prints). */
export function toCandidate(found: Candidate): Candidate {
  return {
    name: found.name,
    title: found.title,
    org: found.org,
    emails: [...found.emails],
    phones: [...found.phones],
    website: found.website,
    address: found.address,
    kind: found.kind,
    evidence: Object.fromEntries(Object.entries(found.evidence).map(([k, v]) => [k, [...v]])),
  };
}
