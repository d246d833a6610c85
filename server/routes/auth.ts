import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { generateToken, hashPassword, hashToken, verifyPassword } from '../auth/secrets';
import type { AppDeps } from '../deps';
import { type Env, peerAddress, readJson, requireUser, SESSION_COOKIE } from '../http';
import { HttpError } from '../http-error';

export const loginRequest = z.strictObject({
  name: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
  device: z.literal('extension').optional(),
});

/** Sessions of the manager page last 12 hours; device tokens until revoked. */
const SESSION_MS = 12 * 3_600_000;

/** `POST /api/v1/auth/login` (DESIGN §9), `GET /api/v1/auth/me` and `POST /api/v1/auth/logout`. */
export function authRoutes(deps: AppDeps) {
  // Verifying against a real hash when the name is unknown keeps the answer time the same (no user enumeration).
  const decoy = hashPassword('not a password of anyone');
  const { loginByName, loginByAddress } = deps.limits;
  return (
    new Hono<Env>()
      .post('/login', async (c) => {
        const body = await readJson(c, loginRequest);
        const now = deps.now();
        const nameKey = `name:${body.name.toLowerCase()}`;
        const addressKey = `addr:${peerAddress(c)}`;
        const wait = Math.max(
          loginByName.retryAfter(nameKey, now.getTime()),
          loginByAddress.retryAfter(addressKey, now.getTime()),
        );
        if (wait > 0)
          throw new HttpError(429, 'rate-limited', 'too many failed sign-ins; try again later', {
            headers: { 'Retry-After': String(Math.ceil(wait / 1000)) },
          });
        const user = await deps.storage.userByName(body.name);
        const ok = await verifyPassword(user?.passwordHash ?? (await decoy), body.password);
        // A disabled user (users admin) signs in no more, with the same answer as a wrong password.
        if (!user || !ok || user.disabledAt) {
          loginByName.fail(nameKey, now.getTime());
          loginByAddress.fail(addressKey, now.getTime());
          throw new HttpError(401, 'bad-credentials', 'unknown name or wrong password');
        }
        loginByName.succeed(nameKey);
        const token = generateToken();
        const profile = { name: user.name, role: user.role, team: user.team };
        if (body.device === 'extension') {
          await deps.storage.createToken({
            id: deps.newId(),
            userName: user.name,
            kind: 'device',
            hash: hashToken(token),
            label: 'extension',
            createdAt: now.toISOString(),
            expiresAt: null,
          });
          return c.json({ token, user: profile });
        }
        await deps.storage.createToken({
          id: deps.newId(),
          userName: user.name,
          kind: 'session',
          hash: hashToken(token),
          label: null,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + SESSION_MS).toISOString(),
        });
        const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: https,
          path: '/',
          maxAge: SESSION_MS / 1000,
        });
        return c.json({ user: profile });
      })
      // Who the token is — the extension keeps its role (a manager's stage-gate override) fresh with this.
      .get('/me', requireUser(deps), (c) => {
        const user = c.get('user');
        return c.json({ user: { name: user.name, role: user.role, team: user.team } });
      })
      .post('/logout', requireUser(deps), async (c) => {
        const header = c.req.header('authorization');
        const token = header ? header.replace(/^Bearer\s+/i, '') : getCookie(c, SESSION_COOKIE);
        if (token) await deps.storage.revokeTokens({ hash: hashToken(token) }, deps.now());
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.json({ ok: true });
      })
  );
}
