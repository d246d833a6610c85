import { Hono } from 'hono';
import { z } from 'zod';
import { accountFields } from '../../shared/schema/entities';
import { recordId } from '../../shared/schema/primitives';
import { canManage, canSee, canWrite } from '../access';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser, validate } from '../http';
import { HttpError } from '../http-error';
import { pageClientId } from './opportunities';

/** The fields the account page may edit; ownership has its own endpoints, grades are the server's. */
const editable = accountFields.pick({
  name: true,
  kind: true,
  category: true,
  status: true,
  industry: true,
  region: true,
  address: true,
  website: true,
  tags: true,
  needs: true,
  contract: true,
  strategic: true,
}).shape;
export const accountEdit = z
  .strictObject(editable)
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'nothing to change' });

/** Nested groups are one field to the merge (last writer wins per top-level field): an edit of part keeps the rest. */
const NESTED = ['needs', 'contract'] as const;

/**
 * `PATCH /api/v1/accounts/:id` — the account page's edit of a card. Written as a sync push of the caller's page
 * client with a fresh HLC, so it is LWW-merged, versioned, re-graded and pulled by the reps like a device's change.
 * Whoever may write the card may edit it; the strategic mark (a key-account test) is a manager's or admin's.
 */
export function accountEditRoutes(deps: AppDeps) {
  return new Hono<Env>().use('*', requireUser(deps)).patch('/:id', async (c) => {
    const actor = c.get('user');
    const id = validate(recordId, c.req.param('id'));
    const raw = await readJson(c, z.record(z.string(), z.unknown()));
    // zod names no path for an unknown key; the page needs the field, so it is named here.
    const unknown = Object.keys(raw).find((key) => !(key in editable));
    if (unknown)
      throw new HttpError(400, 'invalid', `${unknown}: not a field the account page may edit`, { field: unknown });
    const edit = validate(accountEdit, raw);
    const account = await deps.storage.account(id);
    if (!account || account.deleted) throw new HttpError(404, 'not-found', 'no such account');
    if (!canWrite(actor, account.ownership))
      throw new HttpError(403, 'forbidden', 'you may not change this account', { field: 'id' });
    if (edit.strategic !== undefined && !canManage(actor, account.ownership))
      throw new HttpError(403, 'forbidden', 'only a manager may mark an account strategic', { field: 'strategic' });
    const fields: Record<string, unknown> = { ...edit };
    for (const group of NESTED) {
      const part = edit[group];
      if (part === undefined) continue;
      const before = account.fields[group];
      fields[group] = { ...(before && typeof before === 'object' ? before : {}), ...part };
    }
    await deps.scoring?.ready();
    const now = deps.now();
    const clientId = pageClientId(actor);
    // Two edits by one user at once race for the next seq: the loser retries on the gap.
    for (let attempt = 0; attempt < 3; attempt++) {
      const base = { actor, clientId, now: now.toISOString(), lapseFrom: (status: unknown) => deps.lapse(status, now) };
      const head = await deps.storage.push({ ...base, mutations: [] });
      const mutation = {
        seq: head.ackedSeq + 1,
        hlc: deps.hlc.now(),
        entity: 'account' as const,
        id,
        op: 'upsert' as const,
        fields,
      };
      const outcome = await deps.storage.push({ ...base, mutations: [mutation], score: await deps.scoring?.scorer() });
      if (outcome.kind === 'gap') continue;
      if (outcome.kind === 'forbidden') throw new HttpError(403, 'forbidden', 'you may not change this account');
      if (outcome.kind === 'refused') throw new HttpError(outcome.status, outcome.code, outcome.message);
      for (const changed of outcome.changedAccounts) await deps.rescore(changed);
      const after = await deps.storage.account(id);
      if (!after || !canSee(actor, after.ownership)) throw new HttpError(404, 'not-found', 'no such account');
      return c.json({ id, version: after.version, fields: after.fields, grades: after.grades });
    }
    throw new HttpError(409, 'busy', 'the account changed meanwhile; try again');
  });
}
