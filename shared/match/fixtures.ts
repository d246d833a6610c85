import type { Candidate } from '../schema/candidate';
import type { MatchableAccount, MatchableContact } from './types';

/** Test factories with overrides (CONVENTIONS 14): a plain person clip and empty cards. */
export function makeCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    name: null,
    title: null,
    org: null,
    emails: [],
    phones: [],
    website: null,
    address: null,
    kind: 'person',
    evidence: {},
    ...overrides,
  };
}

export function makeAccount(overrides: Partial<MatchableAccount> & { id: string }): MatchableAccount {
  return { name: null, domains: [], phones: [], website: null, address: null, ...overrides };
}

export function makeContact(overrides: Partial<MatchableContact> & { id: string }): MatchableContact {
  return { accountId: null, name: null, title: null, emails: [], phones: [], ...overrides };
}
