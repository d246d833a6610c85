import { Hono } from 'hono';
import { z } from 'zod';
import { leadStatus, type OpportunityFields } from '../../shared/schema/entities';
import { currency, isoDateTime, money, recordId, requiredText } from '../../shared/schema/primitives';
import { checkLeadStatusMove } from '../../shared/scoring/lead-status-move';
import { canWrite } from '../access';
import type { ServerWrite } from '../db/storage';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser, validate } from '../http';
import { HttpError } from '../http-error';

const convertBody = z.strictObject({
  /** Optionally open the deal at once: it starts at stage 1 (客户开发 development, DESIGN §6). */
  opportunity: z
    .strictObject({
      name: requiredText(300),
      amount: money,
      currency: currency.optional(),
      expectedClose: isoDateTime.nullable().optional(),
    })
    .optional(),
});

/**
 * `POST /api/v1/accounts/:id/convert`: the last step of the lead status flow (DESIGN §4). A qualified lead
 * becomes a customer (status → customer, leadStatus → converted) on the same card, optionally with a new
 * opportunity; both written by the server in one transaction that also re-grades the card.
 */
export function convertRoutes(deps: AppDeps) {
  return new Hono<Env>().use('*', requireUser(deps)).post('/:id/convert', async (c) => {
    const actor = c.var.user;
    const id = validate(recordId, c.req.param('id'));
    const body = await readJson(c, convertBody);
    const account = await deps.storage.account(id);
    if (!account || account.deleted || !canWrite(actor, account.ownership))
      throw new HttpError(404, 'not-found', 'no such account');
    const status = account.fields.leadStatus;
    const from = leadStatus.safeParse(status);
    const move = checkLeadStatusMove(from.success ? from.data : 'new', 'converted');
    if (move.from === 'converted')
      throw new HttpError(409, 'lead-status', 'the lead is converted already', { field: 'leadStatus' });
    if (!move.allowed)
      throw new HttpError(409, 'lead-status', `a ${move.from} lead cannot be converted; qualify it first`, {
        field: 'leadStatus',
      });
    const hlc = deps.hlc.now();
    const now = deps.now();
    const records: ServerWrite['records'] = [
      {
        entity: 'account',
        id,
        accountId: id,
        hlc,
        createdBy: actor.id,
        fields: { status: 'customer', leadStatus: 'converted' },
      },
    ];
    let opportunityId: string | null = null;
    if (body.opportunity) {
      opportunityId = deps.newId();
      const fields: OpportunityFields = {
        accountId: id,
        name: body.opportunity.name,
        amount: body.opportunity.amount,
        currency:
          body.opportunity.currency ?? (typeof account.fields.currency === 'string' ? account.fields.currency : 'CNY'),
        stage: 'development',
        expectedClose: body.opportunity.expectedClose ?? null,
        needs: null,
        schedule: null,
        budget: null,
        decisionMakers: [],
        competition: null,
        criteria: [],
        grade: null,
        lostReason: null,
        gates: {},
        stageOverride: null,
      };
      records.push({ entity: 'opportunity', id: opportunityId, accountId: id, hlc, createdBy: actor.id, fields });
    }
    const written = await deps.storage.writeAsServer({
      records,
      expect: { entity: 'account', id, field: 'leadStatus', value: status },
      now: now.toISOString(),
      score: await deps.scoring?.scorer(),
    });
    if (written === 'conflict')
      throw new HttpError(409, 'conflict', 'the card changed meanwhile; sync and try again', { field: 'leadStatus' });
    await deps.rescore(id);
    const view = await deps.storage.account(id);
    return c.json({
      id,
      version: view?.version ?? account.version,
      fields: {
        ...(view?.fields ?? account.fields),
        ...(view?.ownership ?? account.ownership),
        grades: view?.grades ?? null,
      },
      grades: view?.grades ?? null,
      opportunityId,
    });
  });
}
