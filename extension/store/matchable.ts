import type { MatchableAccount, MatchableContact } from '../../shared/match/types';
import type { StoredRecord } from './db';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A stored account as shared/match reads it (stored fields are loosely typed: anything malformed reads as empty). */
export function matchableAccount(record: StoredRecord): MatchableAccount {
  const f = record.fields;
  return {
    id: record.id,
    name: text(f.name),
    domains: strings(f.domains),
    phones: strings(f.phones),
    website: text(f.website),
    address: text(f.address),
  };
}

/** A stored contact as shared/match reads it. */
export function matchableContact(record: StoredRecord): MatchableContact {
  const f = record.fields;
  return {
    id: record.id,
    accountId: text(f.accountId),
    name: text(f.name),
    title: text(f.title),
    emails: strings(f.emails),
    phones: strings(f.phones),
  };
}
