import { Hono } from 'hono';
import { z } from 'zod';
import { registrableDomain } from '../../shared/normalise/domain';
import { normaliseEmail } from '../../shared/normalise/email';
import { personNameKey } from '../../shared/normalise/person';
import { searchKeys } from '../../shared/normalise/search-keys';
import { canSee } from '../access';
import type { LookupKey, User } from '../db/storage';
import type { AppDeps } from '../deps';
import { type Env, requireUser, validate } from '../http';
import { HttpError } from '../http-error';
import { nameKey, phoneKey } from '../lookup-keys';
import { ownershipStatus, sweepLapsed } from '../ownership/ownership';

const queryText = z.string().trim().min(1, 'must not be empty').max(320, 'must be at most 320 characters');
const lookupQuery = z.strictObject({
  email: queryText.optional(),
  phone: queryText.optional(),
  domain: queryText.optional(),
  q: queryText.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const ownershipQuery = z.strictObject({
  email: queryText.optional(),
  phone: queryText.optional(),
  domain: queryText.optional(),
  name: queryText.optional(),
});

/** Normalises one identity value or answers 400 naming the parameter. */
export function normalised(field: string, value: string): LookupKey {
  if (field === 'email') {
    const email = normaliseEmail(value);
    if (!email) throw new HttpError(400, 'invalid', 'email: not an email address', { field });
    return { kind: 'email', value: email, match: 'exact' };
  }
  if (field === 'phone') {
    const phone = phoneKey(value);
    if (!phone) throw new HttpError(400, 'invalid', 'phone: not a phone number', { field });
    return { kind: 'phone', value: phone, match: 'exact' };
  }
  if (field === 'domain') {
    const domain = registrableDomain(value);
    if (!domain) throw new HttpError(400, 'invalid', 'domain: not a domain name', { field });
    return { kind: 'domain', value: domain, match: 'exact' };
  }
  const name = nameKey(value);
  if (!name) throw new HttpError(400, 'invalid', `${field}: nothing to compare`, { field });
  return { kind: 'name', value: name, match: 'exact' };
}

/** Keys for free text `q`, best first: as an email, a phone, a domain, then the name exact, prefix, contained. */
function freeTextKeys(q: string): LookupKey[] {
  const keys: LookupKey[] = [];
  const email = normaliseEmail(q);
  if (email) keys.push({ kind: 'email', value: email, match: 'exact' });
  const phone = phoneKey(q);
  if (phone) keys.push({ kind: 'phone', value: phone, match: 'exact' });
  if (q.includes('.') && !q.includes(' ')) {
    const domain = registrableDomain(q);
    if (domain) keys.push({ kind: 'domain', value: domain, match: 'exact' });
  }
  const name = nameKey(q);
  if (name) keys.push({ kind: 'name', value: name, match: 'exact' });
  const person = personNameKey(q);
  if (person && person !== name) keys.push({ kind: 'name', value: person, match: 'exact' });
  // Words and pinyin of names (`zs`, `zhangsan`, `zhang san` find 张三), whole then as a prefix.
  const [search] = searchKeys(q);
  if (search) {
    keys.push({ kind: 'search', value: search, match: 'exact' });
    keys.push({ kind: 'search', value: search.replace(/\s+/g, ''), match: 'exact' });
    keys.push({ kind: 'search', value: search, match: 'prefix' });
  }
  if (name) {
    keys.push({ kind: 'name', value: name, match: 'prefix' });
    keys.push({ kind: 'name', value: name, match: 'contains' });
  }
  return keys;
}

/** `GET /api/v1/lookup` (cards, best first, only visible ones) and `GET /api/v1/ownership` (the duplicate check). */
export function lookupRoutes(deps: AppDeps) {
  const auth = requireUser(deps);
  const matches = async (actor: User, keys: LookupKey[], limit: number, visibleOnly: boolean) => {
    const found = await deps.storage.findAccounts(keys, limit);
    const accounts = [];
    for (const { accountId } of found) {
      const account = await deps.storage.account(accountId);
      if (!account || account.deleted) continue;
      if (visibleOnly && !canSee(actor, account.ownership)) continue;
      accounts.push(account);
      if (accounts.length >= limit) break;
    }
    return accounts;
  };
  return new Hono<Env>()
    .get('/lookup', auth, async (c) => {
      const query = validate(lookupQuery, c.req.query());
      const keys: LookupKey[] = [];
      for (const field of ['email', 'phone', 'domain'] as const) {
        const value = query[field];
        if (value !== undefined) keys.push(normalised(field, value));
      }
      if (query.q !== undefined) keys.push(...freeTextKeys(query.q));
      if (keys.length === 0) throw new HttpError(400, 'invalid', 'give email, phone, domain or q', { field: 'q' });
      const accounts = await matches(c.var.user, keys, query.limit, true);
      return c.json({
        cards: accounts.map((a) => ({
          id: a.id,
          version: a.version,
          fields: { ...a.fields, ...a.ownership, grades: a.grades },
          grades: a.grades,
        })),
      });
    })
    .get('/ownership', auth, async (c) => {
      const query = validate(ownershipQuery, c.req.query());
      const keys: LookupKey[] = [];
      for (const field of ['email', 'phone', 'domain', 'name'] as const) {
        const value = query[field];
        if (value !== undefined) keys.push(normalised(field, value));
      }
      if (keys.length === 0)
        throw new HttpError(400, 'invalid', 'give email, phone, domain or name', { field: 'email' });
      await sweepLapsed(deps);
      const actor = c.var.user;
      const candidates = await matches(actor, keys, 5, false);
      // Prefer the caller's own card, then a pool card they could claim, then the best match.
      const order = { yours: 0, pool: 1, protected: 2, free: 3 } as const;
      const answers = candidates.map((a) => ownershipStatus(actor, a));
      answers.sort((a, b) => order[a.status] - order[b.status]);
      return c.json(answers[0] ?? { status: 'free' });
    });
}
