import { normaliseCompanyName } from '../../shared/normalise/company';
import { registrableDomain } from '../../shared/normalise/domain';
import { normaliseEmail } from '../../shared/normalise/email';
import { searchKeys } from '../../shared/normalise/search-keys';
import { toSimplified } from '../../shared/normalise/simplified';
import type { EntityName } from '../../shared/schema/entities';
import type { StoredRecord } from './db';

export type LookupKeys = Omit<StoredRecord, 'id' | 'fields' | 'updatedAt'>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const stringOr = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** `+8675588886666;ext=801` → `+8675588886666`: a lookup by number finds the switchboard and its extensions. */
export function phoneLookupKey(phone: string): string {
  const semicolon = phone.indexOf(';');
  return semicolon < 0 ? phone : phone.slice(0, semicolon);
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)].filter((v) => v !== '');

/**
 * The index keys of a record, derived from its fields on every write: `lookupKeys('account', { name: '腾达科技有限公司',
 * domains: ['tengda.com.cn'] })` gives `domains: ['tengda.com.cn']`, `company: '腾达科技'`, search keys with
 * `tengdakeji` and `tdkj`.
 */
export function lookupKeys(entity: EntityName, fields: Record<string, unknown>): LookupKeys {
  const name = stringOr(fields.name);
  const keys: LookupKeys = {
    emails: [],
    phones: [],
    domains: [],
    company: '',
    search: [],
    accountId: stringOr(fields.accountId),
    owner: stringOr(fields.owner),
    status: stringOr(fields.status ?? fields.stage),
    nextAt: '',
    at: stringOr(fields.at),
  };
  switch (entity) {
    case 'account': {
      const website = stringOr(fields.website);
      const fromWebsite = website ? registrableDomain(website) : null;
      keys.domains = unique([...strings(fields.domains).map((d) => registrableDomain(d) ?? d), fromWebsite ?? '']);
      keys.phones = unique(strings(fields.phones).map(phoneLookupKey));
      keys.company = name ? normaliseCompanyName(name) : '';
      keys.search = unique(
        name ? [...searchKeys(name), ...(keys.company ? searchKeys(keys.company) : []), ...hanSuffixes(name)] : [],
      );
      break;
    }
    case 'contact': {
      keys.emails = unique(strings(fields.emails).map((e) => normaliseEmail(e) ?? e.toLowerCase()));
      keys.phones = unique(strings(fields.phones).map(phoneLookupKey));
      keys.search = unique(name ? [...searchKeys(name), ...hanSuffixes(name)] : []);
      break;
    }
    case 'activity': {
      const next = fields.next as { at?: unknown } | null | undefined;
      keys.nextAt = next && typeof next.at === 'string' ? next.at : '';
      break;
    }
    default:
      break;
  }
  return keys;
}

const HAN_RUN = /\p{Script=Han}{2,}/gu;

/**
 * Every tail of each run of Chinese characters (腾达科技 → 达科技, 科技, 技), so that an index prefix search finds
 * 腾达 inside 深圳市腾达科技: Chinese names have no spaces to split words at.
 */
export function hanSuffixes(text: string): string[] {
  const tails: string[] = [];
  for (const [run] of toSimplified(text.normalize('NFKC')).matchAll(HAN_RUN)) {
    const chars = [...run].slice(0, 40);
    for (let i = 1; i < chars.length; i++) tails.push(chars.slice(i).join(''));
  }
  return tails;
}
