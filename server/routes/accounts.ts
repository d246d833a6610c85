import { Hono } from 'hono';
import { z } from 'zod';
import { recordId, text } from '../../shared/schema/primitives';
import { canManage, canSee } from '../access';
import type { AccountView, User } from '../db/storage';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser, validate } from '../http';
import { HttpError } from '../http-error';
import { changeOwnership, sweepLapsed } from '../ownership/ownership';

const reasonBody = z.strictObject({ reason: text(1000).optional() });
const assignBody = z.strictObject({
  to: z.string().min(1, 'must not be empty').max(64),
  reason: text(1000).optional(),
});
const lockBody = z.strictObject({ locked: z.boolean(), reason: text(1000).optional() });
const shareBody = z.strictObject({
  users: z.array(z.string().min(1).max(64)).max(100, 'at most 100 users').default([]),
  team: z.boolean().default(false),
});

/** How many of each child entity the card shows (newest first). */
const CARD_CHILDREN = 50;

/**
 * `GET /api/v1/accounts/:id` (the card) and the ownership endpoints of DESIGN §5:
 * `POST /api/v1/accounts/:id/claim|release|assign|lock|share`.
 * A card the caller may not see answers 404, as if it did not exist (no leak of its existence).
 */
export function accountRoutes(deps: AppDeps) {
  const visible = async (actor: User, rawId: string): Promise<AccountView> => {
    const id = validate(recordId, rawId);
    const account = await deps.storage.account(id);
    if (!account || account.deleted || !canSee(actor, account.ownership))
      throw new HttpError(404, 'not-found', 'no such account');
    return account;
  };
  return new Hono<Env>()
    .use('*', requireUser(deps))
    .get('/:id', async (c) => {
      const account = await visible(c.var.user, c.req.param('id'));
      const children = await deps.storage.accountChildren(account.id, CARD_CHILDREN);
      const of = (entity: string) =>
        children.filter((r) => r.entity === entity).map((r) => ({ id: r.id, version: r.version, ...r.fields }));
      return c.json({
        id: account.id,
        version: account.version,
        fields: { ...account.fields, ...account.ownership, grades: account.grades },
        grades: account.grades,
        contacts: of('contact'),
        activities: of('activity'),
        opportunities: of('opportunity'),
        transactions: of('transaction'),
        complaints: of('complaint'),
        surveys: of('survey'),
      });
    })
    .post('/:id/claim', async (c) => {
      const actor = c.var.user;
      const body = await readJson(c, reasonBody);
      await sweepLapsed(deps);
      const account = await visible(actor, c.req.param('id'));
      const { owner, team } = account.ownership;
      if (owner === actor.name) return c.json(ownershipBody(account));
      if (owner !== null)
        throw new HttpError(409, 'owned', `owned by ${owner}; a manager can assign it`, { field: 'id' });
      if (actor.role !== 'admin' && team !== null && team !== actor.team)
        throw new HttpError(403, 'forbidden', "only the account's team may claim it from its pool");
      await checkCap(deps, actor, account);
      const now = deps.now();
      const view = await changeOwnership(
        deps,
        account,
        actor,
        {
          owner: actor.name,
          team: team ?? actor.team,
          lockedOwner: false,
          ownerSince: now.toISOString(),
          lapsesAt: deps.lapse(account.fields.status, now),
        },
        `claimed by ${actor.name} from the public pool`,
        body.reason ?? null,
      );
      return c.json(ownershipBody(view));
    })
    .post('/:id/release', async (c) => {
      const actor = c.var.user;
      const body = await readJson(c, reasonBody);
      const account = await visible(actor, c.req.param('id'));
      const { owner, lockedOwner, team } = account.ownership;
      const manages = canManage(actor, account.ownership);
      if (!manages && owner !== actor.name)
        throw new HttpError(403, 'forbidden', 'only the owner or a manager of the team may release it');
      if (!manages && lockedOwner) throw new HttpError(403, 'locked', 'a manager locked this account to its owner');
      if (owner === null) return c.json(ownershipBody(account));
      const view = await changeOwnership(
        deps,
        account,
        actor,
        { owner: null, team, lockedOwner: false, ownerSince: null, lapsesAt: null },
        `released by ${actor.name} to the public pool (was ${owner})`,
        body.reason ?? null,
      );
      return c.json(ownershipBody(view));
    })
    .post('/:id/assign', async (c) => {
      const actor = c.var.user;
      const body = await readJson(c, assignBody);
      const account = await visible(actor, c.req.param('id'));
      if (!canManage(actor, account.ownership))
        throw new HttpError(403, 'forbidden', 'only a manager of the team or an admin may assign');
      const target = await deps.storage.userByName(body.to);
      if (!target) throw new HttpError(400, 'invalid', `no user named ${body.to}`, { field: 'to' });
      if (actor.role !== 'admin' && target.team !== actor.team)
        throw new HttpError(403, 'forbidden', 'a manager assigns within their own team', { field: 'to' });
      if (account.ownership.owner !== target.name) await checkCap(deps, target, account);
      const now = deps.now();
      const view = await changeOwnership(
        deps,
        account,
        actor,
        {
          owner: target.name,
          team: target.team ?? account.ownership.team,
          lockedOwner: account.ownership.lockedOwner,
          ownerSince: now.toISOString(),
          lapsesAt: account.ownership.lockedOwner ? null : deps.lapse(account.fields.status, now),
        },
        `assigned to ${target.name} by ${actor.name}`,
        body.reason ?? null,
      );
      return c.json(ownershipBody(view));
    })
    .post('/:id/lock', async (c) => {
      const actor = c.var.user;
      const body = await readJson(c, lockBody);
      const account = await visible(actor, c.req.param('id'));
      if (!canManage(actor, account.ownership))
        throw new HttpError(403, 'forbidden', 'only a manager of the team or an admin may lock');
      const current = account.ownership;
      if (current.owner === null && body.locked)
        throw new HttpError(409, 'no-owner', 'a pool account has no owner to lock; assign it first');
      const now = deps.now();
      const view = await changeOwnership(
        deps,
        account,
        actor,
        {
          ...current,
          lockedOwner: body.locked,
          lapsesAt: body.locked || current.owner === null ? null : deps.lapse(account.fields.status, now),
        },
        body.locked ? `locked to ${current.owner} by ${actor.name}` : `unlocked by ${actor.name}`,
        body.reason ?? null,
      );
      return c.json(ownershipBody(view));
    })
    .post('/:id/share', async (c) => {
      const actor = c.var.user;
      const body = await readJson(c, shareBody);
      const account = await visible(actor, c.req.param('id'));
      if (account.ownership.owner !== actor.name && !canManage(actor, account.ownership))
        throw new HttpError(403, 'forbidden', 'only the owner or a manager of the team may share');
      for (const [i, name] of body.users.entries())
        if (!(await deps.storage.userByName(name)))
          throw new HttpError(400, 'invalid', `no user named ${name}`, { field: `users.${i}` });
      const team = account.ownership.team;
      if (body.team && team === null) throw new HttpError(409, 'no-team', 'this account has no team to share with');
      const sharedWith = [...new Set(body.users), ...(body.team && team ? [`team:${team}`] : [])];
      const view = await changeOwnership(
        deps,
        account,
        actor,
        { ...account.ownership, sharedWith },
        sharedWith.length ? `shared by ${actor.name} with ${sharedWith.join(', ')}` : `unshared by ${actor.name}`,
        null,
      );
      return c.json(ownershipBody(view));
    });
}

async function checkCap(deps: AppDeps, user: User, account: AccountView): Promise<void> {
  if (user.role !== 'rep' || account.fields.status !== 'lead') return;
  const owned = await deps.storage.countOwnedLeads(user.name);
  if (owned >= deps.limits.ownedLeads)
    throw new HttpError(
      409,
      'cap-reached',
      `${user.name} already owns ${owned} leads (the cap is ${deps.limits.ownedLeads})`,
    );
}

function ownershipBody(account: AccountView) {
  return { id: account.id, version: account.version, ...account.ownership };
}
