import { normaliseCompanyName } from '../shared/normalise/company';
import { registrableDomain } from '../shared/normalise/domain';
import { normaliseEmail } from '../shared/normalise/email';
import { personNameKey } from '../shared/normalise/person';
import { normalisePhone } from '../shared/normalise/phone';
import { searchKeys } from '../shared/normalise/search-keys';
import type { EntityName } from '../shared/schema/entities';
import type { LookupKind } from './db/storage';

/** A company name folded for comparison (legal suffixes, width, case, traditional → simplified). */
export function nameKey(name: string): string {
  return normaliseCompanyName(name);
}

/** E.164 without the extension: a switchboard number with any extension matches the company. */
export function phoneKey(input: string): string | null {
  return normalisePhone(input)?.e164 ?? null;
}

/** The lookup keys a record's fields give (emails, phones, domains, names), for the lookup and duplicate check. */
export function recordKeys(entity: EntityName, fields: Record<string, unknown>): { kind: LookupKind; value: string }[] {
  const keys: { kind: LookupKind; value: string }[] = [];
  const add = (kind: LookupKind, value: string | null) => {
    if (value && !keys.some((k) => k.kind === kind && k.value === value)) keys.push({ kind, value });
  };
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (entity !== 'account' && entity !== 'contact') return keys;
  // Stored phones are E.164 already (the schema checks them): the key is the number without its extension.
  for (const phone of strings(fields.phones)) add('phone', phone.split(';')[0] ?? null);
  if (typeof fields.name === 'string') {
    add('name', entity === 'account' ? normaliseCompanyName(fields.name) : personNameKey(fields.name));
    // Words, pinyin and initials (`zs`, `zhangsan` find 张三): the free-text search of DESIGN §3.
    for (const key of searchKeys(fields.name)) add('search', key);
  }
  if (entity === 'account') {
    for (const domain of strings(fields.domains)) add('domain', registrableDomain(domain));
    if (typeof fields.website === 'string') add('domain', registrableDomain(fields.website));
  } else {
    for (const email of strings(fields.emails)) {
      const normal = normaliseEmail(email);
      add('email', normal);
    }
  }
  return keys;
}
