import type { Candidate } from '../schema/candidate';
import { accountIdentity, candidateIdentity, contactIdentity } from './identity';
import { type MatchOptions, matchCandidate } from './match-candidate';
import type { MatchableAccount, MatchableContact, MatchResult } from './types';

/**
 * Cards keyed by what `matchCandidate` compares, so a clip is matched against only the cards that share a key
 * with it instead of against every card: matching each row of an import against every card and row before it
 * was quadratic (a 10k-row file took half a minute to plan).
 *
 * The answer is `matchCandidate`'s over all cards added: a card that shares no key has no reason to match, adds
 * nothing to the result, and the cards that do are passed in the order they were added, so ties and `others`
 * come out as over the full lists.
 */
export interface CardIndex {
  addAccount(account: MatchableAccount): void;
  addContact(contact: MatchableContact): void;
  /** The cards added that share a key with `candidate`, in the order they were added. */
  sharingKeys(candidate: Candidate): { accounts: MatchableAccount[]; contacts: MatchableContact[] };
  match(candidate: Candidate): MatchResult;
}

/** The keys match-candidate.ts compares, one namespace per kind so an email never meets a domain. */
const key = {
  email: (email: string) => `e:${email}`,
  phone: (phone: string) => `p:${phone}`,
  domain: (domain: string) => `d:${domain}`,
  companyName: (name: string) => `n:${name}`,
};

/** Cards in the order added, and for each key the positions of the cards that have it. */
class Keyed<T> {
  readonly cards: T[] = [];
  private readonly byKey = new Map<string, number[]>();

  add(card: T, keys: Iterable<string>): void {
    const position = this.cards.push(card) - 1;
    for (const k of keys) {
      const positions = this.byKey.get(k);
      if (!positions) this.byKey.set(k, [position]);
      // A card's keys are sets per kind, so it appears at most once under a key.
      else positions.push(position);
    }
  }

  sharing(keys: Iterable<string>): T[] {
    const found = new Set<number>();
    for (const k of keys) for (const position of this.byKey.get(k) ?? []) found.add(position);
    return [...found].sort((a, b) => a - b).map((position) => this.cards[position] as T);
  }
}

export function cardIndex(
  existing: { accounts: readonly MatchableAccount[]; contacts: readonly MatchableContact[] } = {
    accounts: [],
    contacts: [],
  },
  options: MatchOptions = {},
): CardIndex {
  const accounts = new Keyed<MatchableAccount>();
  const contacts = new Keyed<MatchableContact>();

  const index: CardIndex = {
    addAccount(account) {
      const identity = accountIdentity(account, options);
      accounts.add(account, [
        ...[...identity.domains].map(key.domain),
        ...(identity.companyName !== null ? [key.companyName(identity.companyName)] : []),
        ...[...identity.phones.keys()].map(key.phone),
      ]);
    },
    addContact(contact) {
      // Only personal emails and phones: a contact's role addresses are never compared (match-candidate.ts).
      const identity = contactIdentity(contact, options);
      contacts.add(contact, [...[...identity.emails].map(key.email), ...[...identity.phones.keys()].map(key.phone)]);
    },
    sharingKeys(candidate) {
      const clip = candidateIdentity(candidate, options);
      const accountKeys = [
        ...[...clip.domains].map(key.domain),
        ...(clip.companyName !== null ? [key.companyName(clip.companyName)] : []),
        ...[...clip.phones.keys()].map(key.phone),
      ];
      // Contacts are matched for a person only, and never by a hotline (toll-free numbers are the company's).
      const contactKeys =
        candidate.kind === 'person'
          ? [
              ...[...clip.emails].map(key.email),
              ...[...clip.phones].filter(([, phone]) => phone.kind !== 'toll-free').map(([k]) => key.phone(k)),
            ]
          : [];
      return { accounts: accounts.sharing(accountKeys), contacts: contacts.sharing(contactKeys) };
    },
    match(candidate) {
      return matchCandidate(candidate, index.sharingKeys(candidate), options);
    },
  };
  for (const account of existing.accounts) index.addAccount(account);
  for (const contact of existing.contacts) index.addContact(contact);
  return index;
}
