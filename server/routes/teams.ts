import { Hono } from 'hono';
import { z } from 'zod';
import { TEAM_NAME } from '../auth/secrets';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser } from '../http';
import { HttpError } from '../http-error';

/** A team name as TEAM_NAME (server/auth/secrets.ts) allows; shared by the team and user-move bodies. */
export const teamName = z.string().regex(TEAM_NAME, 'must be 1–64 letters, digits, spaces, ".", "_" or "-"');

const teamBody = z.strictObject({ name: teamName });

/**
 * Teams (admin only, 403 for anyone else): `GET /api/v1/teams` (members by role, owned accounts, pool size),
 * `POST /api/v1/teams` `{ name }`, `POST /api/v1/teams/:name/rename` `{ name }` (users, accounts and team shares
 * follow in one transaction; the accounts get new versions so every extension of the team pulls the new name),
 * `DELETE /api/v1/teams/:name` (only an empty team: 409 says how many users and accounts hold it).
 */
export function teamRoutes(deps: AppDeps) {
  return new Hono<Env>()
    .use('*', requireUser(deps))
    .use('*', async (c, next) => {
      if (c.var.user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin manages teams');
      await next();
    })
    .get('/', async (c) => c.json({ teams: await deps.storage.listTeams() }))
    .post('/', async (c) => {
      const { name } = await readJson(c, teamBody);
      if ((await deps.storage.createTeam(name, deps.now().toISOString())) === 'exists')
        throw new HttpError(409, 'exists', `a team named ${name} already exists`, { field: 'name' });
      return c.json({ team: { name } }, 201);
    })
    .post('/:name/rename', async (c) => {
      const from = c.req.param('name');
      const { name: to } = await readJson(c, teamBody);
      if (to === from) return c.json({ name: to, accounts: 0 });
      const renamed = await deps.storage.renameTeam(from, to);
      if (renamed === 'missing') throw new HttpError(404, 'not-found', `no team named ${from}`);
      if (renamed === 'exists')
        throw new HttpError(409, 'exists', `a team named ${to} already exists`, { field: 'name' });
      return c.json({ name: to, accounts: renamed.accounts });
    })
    .delete('/:name', async (c) => {
      const name = c.req.param('name');
      const deleted = await deps.storage.deleteTeam(name);
      if (deleted === 'missing') throw new HttpError(404, 'not-found', `no team named ${name}`);
      if (deleted !== 'deleted')
        throw new HttpError(
          409,
          'not-empty',
          `team ${name} still has ${deleted.users} users and ${deleted.accounts} accounts; move them first`,
        );
      return c.json({ name, deleted: true });
    });
}
