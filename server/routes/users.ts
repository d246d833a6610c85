import { Hono } from 'hono';
import { z } from 'zod';
import { generatePassword, hashPassword, TEAM_NAME, USER_NAME } from '../auth/secrets';
import type { User } from '../db/storage';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser } from '../http';
import { HttpError } from '../http-error';
import { teamName } from './teams';

const newUserBody = z
  .strictObject({
    name: z.string().regex(USER_NAME, 'must be 1–64 letters, digits, ".", "_" or "-"'),
    role: z.enum(['rep', 'manager', 'admin']),
    team: z.string().regex(TEAM_NAME, 'must be 1–64 letters, digits or spaces').nullable().default(null),
  })
  .refine((body) => body.role === 'admin' || body.team !== null, {
    message: 'a rep or manager needs a team',
    path: ['team'],
  });

const moveBody = z
  .strictObject({
    team: teamName.nullable(),
    role: z.enum(['rep', 'manager', 'admin']),
    /** Why, recorded on every card that moves with the user (DESIGN §5: who, when, why). */
    reason: z.string().trim().max(500).optional(),
  })
  .refine((body) => body.role === 'admin' || body.team !== null, {
    message: 'a rep or manager needs a team',
    path: ['team'],
  });

/**
 * Users and teams (issue 9, admin only: 403 for anyone else): `GET /api/v1/users`, `POST /api/v1/users` (a
 * generated password, answered once), `POST /api/v1/users/:name/disable|enable|password|revoke-devices`.
 * Passwords are never stored or logged in clear; a disabled user's tokens all end at once.
 * `POST /api/v1/users/:name/team` `{ team, role, reason? }` moves a user (teams: ./teams.ts): the accounts they own
 * move with them, each with an `ownership` activity, so a manager moved to a team manages that team's cards.
 */
export function userRoutes(deps: AppDeps) {
  const known = async (name: string): Promise<User> => {
    const user = await deps.storage.userByName(name);
    if (!user) throw new HttpError(404, 'not-found', 'no such user');
    return user;
  };
  return new Hono<Env>()
    .use('*', requireUser(deps))
    .use('*', async (c, next) => {
      if (c.var.user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin manages users');
      await next();
    })
    .get('/', async (c) => {
      const users = await deps.storage.userDirectory();
      // Every team, empty ones too (created on the teams panel before anyone joins).
      const teams = (await deps.storage.listTeams()).map((team) => team.name);
      return c.json({
        users: users.map((u) => ({
          name: u.name,
          role: u.role,
          team: u.team,
          createdAt: u.createdAt,
          disabled: u.disabledAt !== null,
          devices: u.devices,
        })),
        teams,
      });
    })
    .post('/', async (c) => {
      const body = await readJson(c, newUserBody);
      const password = generatePassword();
      const created = await deps.storage.createUser({
        id: deps.newId(),
        name: body.name,
        role: body.role,
        team: body.team,
        passwordHash: await hashPassword(password),
        createdAt: deps.now().toISOString(),
      });
      if (created === 'exists')
        throw new HttpError(409, 'exists', `a user named ${body.name} already exists`, { field: 'name' });
      return c.json({ user: { name: created.name, role: created.role, team: created.team }, password }, 201);
    })
    .post('/:name/disable', async (c) => {
      const user = await known(c.req.param('name'));
      if (user.name === c.var.user.name) throw new HttpError(409, 'self', 'an admin cannot disable themselves');
      await deps.storage.setUserDisabled(user.name, deps.now());
      return c.json({ name: user.name, disabled: true });
    })
    .post('/:name/enable', async (c) => {
      const user = await known(c.req.param('name'));
      await deps.storage.setUserDisabled(user.name, null);
      return c.json({ name: user.name, disabled: false });
    })
    .post('/:name/password', async (c) => {
      const user = await known(c.req.param('name'));
      const password = generatePassword();
      await deps.storage.setPasswordHash(user.name, await hashPassword(password));
      // A new password ends the user's sessions (device and API tokens stay until revoked), as `user passwd` does.
      await deps.storage.revokeTokens({ userName: user.name, kind: 'session' }, deps.now());
      return c.json({ name: user.name, password });
    })
    .post('/:name/team', async (c) => {
      const user = await known(c.req.param('name'));
      const body = await readJson(c, moveBody);
      const admin = c.var.user;
      // An admin who demoted themselves could lock everyone out of this page.
      if (user.name === admin.name && body.role !== 'admin')
        throw new HttpError(409, 'self', 'an admin cannot take away their own admin role', { field: 'role' });
      const at = deps.now().toISOString();
      const moved = await deps.storage.moveUser({
        userName: user.name,
        team: body.team,
        role: body.role,
        activity: (accountId, from) => ({
          id: deps.newId(),
          hlc: deps.hlc.now(),
          createdBy: admin.id,
          fields: {
            accountId,
            contactId: null,
            type: 'ownership',
            at,
            by: admin.name,
            summary: `moved with ${user.name} from team ${from ?? '—'} to team ${body.team}`,
            body: body.reason || null,
            source: null,
            next: null,
          },
        }),
      });
      if (moved === 'missing-user') throw new HttpError(404, 'not-found', 'no such user');
      if (moved === 'missing-team')
        throw new HttpError(400, 'unknown-team', `no team named ${body.team}; create it first`, { field: 'team' });
      for (const accountId of moved.accounts) await deps.rescore(accountId);
      return c.json({
        user: { name: moved.user.name, role: moved.user.role, team: moved.user.team },
        from: moved.from,
        movedAccounts: moved.accounts.length,
      });
    })
    .post('/:name/revoke-devices', async (c) => {
      const user = await known(c.req.param('name'));
      const now = deps.now();
      const revoked =
        (await deps.storage.revokeTokens({ userName: user.name, kind: 'device' }, now)) +
        (await deps.storage.revokeTokens({ userName: user.name, kind: 'api' }, now));
      return c.json({ name: user.name, revoked });
    });
}
