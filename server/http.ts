import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { z } from 'zod';
import { describeZodError } from '../shared/schema/errors';
import { hashToken } from './auth/secrets';
import type { User } from './db/storage';
import type { AppDeps } from './deps';
import { HttpError } from './http-error';

/** Hono environment of the API: the authenticated user is in `c.var.user`. */
export type Env = { Variables: { user: User } };

export const SESSION_COOKIE = 'leadcard_session';

/** Parses the JSON body and validates it; a bad body is a 400 naming the field. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text === '' ? {} : JSON.parse(text);
  } catch (cause) {
    if (cause instanceof HttpError) throw cause;
    throw new HttpError(400, 'bad-json', 'the body is not valid JSON', { cause });
  }
  return validate(schema, body);
}

export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const { field, message } = describeZodError(parsed.error);
    throw new HttpError(400, 'invalid', message, { field });
  }
  return parsed.data;
}

/** Bearer token (extension, scripts) or session cookie (manager page); 401 otherwise. */
export function requireUser(deps: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let token: string | undefined;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new HttpError(401, 'unauthorized', 'the Authorization header must be "Bearer TOKEN"');
      token = match[1];
    } else token = getCookie(c, SESSION_COOKIE);
    if (!token) throw new HttpError(401, 'unauthorized', 'sign in or send a Bearer token');
    const user = await deps.storage.userByTokenHash(hashToken(token), deps.now());
    if (!user) throw new HttpError(401, 'unauthorized', 'the token or session is unknown, expired or revoked');
    c.set('user', user);
    await next();
  };
}

/** The peer address (for rate limits), from the Node socket; `unknown` under app.request() in tests. */
export function peerAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
