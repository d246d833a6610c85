import { Hono } from 'hono';
import { interestRequest } from '../../shared/schema/ownership-interest';
import { FailureLimiter } from '../auth/rate-limit';
import type { LookupKey } from '../db/storage';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser } from '../http';
import { HttpError } from '../http-error';
import { recordInterest } from '../ownership/interest';
import { sweepLapsed } from '../ownership/ownership';
import { normalised } from './lookup';

/**
 * Interests per rep per hour: a rep clips a few dozen leads a day, so 60 an hour leaves room for a backlog sent at
 * sync after a day offline, and stops a script from flooding owners' cards (or probing the duplicate check).
 */
export const INTERESTS_PER_HOUR = 60;

/** `POST /api/v1/ownership/interest` (DESIGN §5): a rep's interest in a customer a colleague protects. */
export function ownershipRoutes(deps: AppDeps, limiter = new FailureLimiter(INTERESTS_PER_HOUR, 60 * 60_000)) {
  return new Hono<Env>().post('/interest', requireUser(deps), async (c) => {
    const actor = c.var.user;
    const body = await readJson(c, interestRequest);
    const keys: LookupKey[] = [];
    for (const field of ['email', 'phone', 'domain', 'name'] as const) {
      const value = body[field];
      if (value !== undefined) keys.push(normalised(field, value));
    }
    if (keys.length === 0) throw new HttpError(400, 'invalid', 'give email, phone, domain or name', { field: 'email' });
    const now = deps.now().getTime();
    const wait = limiter.retryAfter(actor.id, now);
    if (wait > 0)
      throw new HttpError(429, 'rate-limited', `at most ${INTERESTS_PER_HOUR} interests an hour; try again later`, {
        headers: { 'Retry-After': String(Math.ceil(wait / 1000)) },
      });
    limiter.fail(actor.id, now);
    await sweepLapsed(deps);
    return c.json(await recordInterest(deps, actor, keys, body));
  });
}
