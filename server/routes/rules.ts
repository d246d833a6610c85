import { Hono } from 'hono';
import { z } from 'zod';
import { diffRules } from '../../shared/scoring/rule-diff';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser, validate } from '../http';
import { HttpError } from '../http-error';
import type { Scoring } from '../scoring/scoring';

const putBody = z.strictObject({
  /** The whole rule set (shared/scoring/rules.ts); validated by the rule store so errors name rule and field. */
  rules: z.unknown(),
  /** The version the admin edited: a save over a newer version is refused (409) instead of undoing it. */
  basedOn: z.number().int('must be a whole number').min(1, 'must be ≥ 1').optional(),
});
const version = z.coerce.number().int('must be a whole number').min(1, 'must be ≥ 1');

/**
 * The scoring rules as versioned documents (DESIGN §4): `GET /api/v1/rules` (current + history),
 * `PUT /api/v1/rules` (admin only; a new version, then everything is re-scored in the background),
 * `GET /api/v1/rules/rescore` (that re-score's progress), `GET /api/v1/rules/:version` and
 * `GET /api/v1/rules/:version/diff/:other`. Any signed-in user may read the rules (cards explain by them).
 */
export function rulesRoutes(deps: AppDeps) {
  const scoring = async (): Promise<Scoring> => {
    if (!deps.scoring) throw new HttpError(500, 'scoring-off', 'this server runs without scoring');
    await deps.scoring.ready();
    return deps.scoring;
  };
  const stored = (s: Scoring, raw: string, field: string) => {
    const document = s.rules.version(validate(version, raw));
    if (!document) throw new HttpError(404, 'not-found', `no rule version ${raw}`, { field });
    return document;
  };
  return new Hono<Env>()
    .use('*', requireUser(deps))
    .get('/', async (c) => {
      const s = await scoring();
      await s.rules.load();
      return c.json({ current: s.rules.current(), history: s.rules.history() });
    })
    .put('/', async (c) => {
      const actor = c.var.user;
      if (actor.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin may change the rules');
      const body = await readJson(c, putBody);
      const s = await scoring();
      const saved = await s.changeRules(body.rules, actor.name, body.basedOn);
      if (!saved.ok) throw new HttpError(saved.status, saved.code, saved.message, { field: saved.field ?? undefined });
      return c.json({ document: saved.document, rescore: s.progress() }, 201);
    })
    .get('/rescore', async (c) => c.json((await scoring()).progress()))
    .get('/:version', async (c) => {
      const s = await scoring();
      await s.rules.load();
      return c.json(stored(s, c.req.param('version'), 'version'));
    })
    .get('/:version/diff/:other', async (c) => {
      const s = await scoring();
      await s.rules.load();
      const from = stored(s, c.req.param('version'), 'version');
      const to = stored(s, c.req.param('other'), 'other');
      return c.json({ from: from.version, to: to.version, changes: diffRules(from.rules, to.rules) });
    });
}
