import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { opportunityStage } from '../../shared/schema/entities';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { checkStageMove } from '../../shared/scoring/stage-move';
import { canSee } from '../access';
import type { User } from '../db/storage';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser } from '../http';
import { HttpError } from '../http-error';
import { reportIndexOfStorage } from '../reports/report-index';

export const stageMoveRequest = z.strictObject({
  stage: opportunityStage,
  /** A manager's override of skipped key nodes (DESIGN §6), recorded on the opportunity. */
  override: z.strictObject({ reason: z.string().trim().min(1, 'must not be empty').max(1000) }).optional(),
  lostReason: z.string().trim().min(1, 'must not be empty').max(1000).optional(),
});

/** The manager page writes as one sync client per user, so its changes merge and replicate like a device's. */
export function pageClientId(user: Pick<User, 'id'>): string {
  const hex = createHash('sha256').update(`manager-page:${user.id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `POST /api/v1/opportunities/:id/stage` — the pipeline board's stage move (drag or "move to"). The key-node
 * check is the scoring rule `checkStageMove`: a move that skips a gate is refused (409, `missing` lists the
 * gates) unless a manager or admin overrides it with a reason. The change is written as a sync mutation of the
 * caller (a push, so permissions, merge and replication to the reps are the sync path's own).
 */
export function opportunityRoutes(deps: AppDeps) {
  const index = reportIndexOfStorage(deps.storage);
  const rules = () => (deps.scoring ? deps.scoring.rules.current().rules : DEFAULT_RULES);
  return new Hono<Env>().use('*', requireUser(deps)).post('/:id/stage', async (c) => {
    const body = await readJson(c, stageMoveRequest);
    const actor = c.get('user');
    await deps.scoring?.ready();
    await index.refresh();
    const record = index.record('opportunity', c.req.param('id'));
    if (!record || !canSee(actor, record.ownership))
      throw new HttpError(404, 'not-found', 'no such opportunity', { field: 'id' });
    const f = record.fields;
    const current = opportunityStage.safeParse(f.stage);
    const now = deps.now();
    const lostReason = body.lostReason ?? (typeof f.lostReason === 'string' ? f.lostReason : null);
    const move = checkStageMove(
      {
        stage: current.success ? current.data : 'development',
        gates: (f.gates ?? {}) as Record<string, boolean | string>,
        lostReason,
      },
      body.stage,
      rules(),
      body.override && { by: actor.name, role: actor.role, reason: body.override.reason, at: now.toISOString() },
    );
    if (!move.allowed) {
      const missing = 'missing' in move ? move.missing : [];
      return c.json(
        {
          error: {
            code: move.reason,
            message:
              move.reason === 'lost-reason-required'
                ? 'give a reason why the opportunity was lost'
                : `moving to ${move.to} skips: ${missing.map((gate) => gate.gate).join(', ')}`,
            field:
              move.reason === 'lost-reason-required'
                ? 'lostReason'
                : move.reason === 'missing-gates'
                  ? 'stage'
                  : 'override',
          },
          missing,
        },
        move.reason === 'lost-reason-required' || move.reason === 'override-reason-required' ? 400 : 409,
      );
    }
    const fields: Record<string, unknown> = { stage: move.to };
    if (move.override) fields.stageOverride = { by: actor.name, reason: move.override.reason, at: move.override.at };
    if (body.lostReason) fields.lostReason = body.lostReason;
    const clientId = pageClientId(actor);
    // Two moves by one user at once race for the next seq: the loser retries on the gap.
    for (let attempt = 0; attempt < 3; attempt++) {
      const base = { actor, clientId, now: now.toISOString(), lapseFrom: (status: unknown) => deps.lapse(status, now) };
      const head = await deps.storage.push({ ...base, mutations: [] });
      const mutation = {
        seq: head.ackedSeq + 1,
        hlc: deps.hlc.now(),
        entity: 'opportunity' as const,
        id: record.id,
        op: 'upsert' as const,
        fields,
      };
      const outcome = await deps.storage.push({ ...base, mutations: [mutation], score: await deps.scoring?.scorer() });
      if (outcome.kind === 'gap') continue;
      if (outcome.kind === 'forbidden') throw new HttpError(403, 'forbidden', 'you may not change this opportunity');
      if (outcome.kind === 'refused') throw new HttpError(outcome.status, outcome.code, outcome.message);
      for (const accountId of outcome.changedAccounts) await deps.rescore(accountId);
      return c.json({ id: record.id, stage: move.to, probability: move.probability, override: move.override });
    }
    throw new HttpError(409, 'busy', 'the opportunity changed meanwhile; try again');
  });
}
