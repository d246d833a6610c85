import { Hono } from 'hono';
import { z } from 'zod';
import { leadSource, leadStatus } from '../../shared/schema/entities';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import type { ScoringRules } from '../../shared/scoring/rules';
import type { Storage, User } from '../db/storage';
import type { AppDeps } from '../deps';
import { type Env, requireUser, validate } from '../http';
import { AnswerCache } from '../reports/answer-cache';
import { churnReport } from '../reports/churn';
import { complaintReport } from '../reports/complaints';
import { forecastReport } from '../reports/forecast';
import { keyAccountReport } from '../reports/key-accounts';
import { leadPage } from '../reports/leads';
import { BOARD_STAGES, opportunityCards, pipelineReport } from '../reports/pipeline';
import { mayShowActivity, repActivityReport } from '../reports/rep-activity';
import { type ReportEntity, reportIndexOfStorage } from '../reports/report-index';
import { pageOf, type ReportFilter, type Row, textOf } from '../reports/rows';
import { structureReport } from '../reports/structure';

const name = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const scopeQuery = z.object({ owner: name.optional(), team: name.optional() });
const pageQuery = z.object({
  offset: z.coerce.number().int('must be a whole number').min(0, 'must not be negative').default(0),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be ≥ 1').max(200, 'must be ≤ 200').default(50),
});
const amount = z.coerce.number().finite('must be a number').min(0, 'must not be negative');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const cardQuery = scopeQuery.extend({
  grade: z.enum(['A', 'B', 'C', 'D']).optional(),
  minAmount: amount.optional(),
  maxAmount: amount.optional(),
  closeFrom: day.optional(),
  closeTo: day.optional(),
});
const pipelineQuery = cardQuery.extend({
  perStage: z.coerce.number().int('must be a whole number').min(0).max(100, 'must be ≤ 100').default(20),
});
const opportunitiesQuery = cardQuery.merge(pageQuery).extend({
  stage: z.enum(BOARD_STAGES as [string, ...string[]]).optional(),
  stuck: z.enum(['1']).optional(),
});

const leadsQuery = scopeQuery.merge(pageQuery).extend({
  sort: z.enum(['score', 'name', 'owner', 'leadStatus', 'source', 'qualification', 'created']).default('score'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  band: z.enum(['hot', 'warm', 'cold']).optional(),
  qualification: z.enum(['A', 'B', 'C']).optional(),
  leadStatus: leadStatus.optional(),
  source: leadSource.optional(),
  pool: z.enum(['1']).optional(),
  q: z.string().max(100, 'must be at most 100 characters').optional(),
});

/** The reader of the change log behind the reports: sees every record, as an admin would (ReportIndex filters). */
export const REPORT_READER: User = {
  id: 'reports',
  name: '',
  role: 'admin',
  team: null,
  createdAt: '1970-01-01T00:00:00.000Z',
};

/** The report paths that never read the index (who am I, the filters' people): answered during warm-up too. */
const INDEX_FREE = /\/(me|people)$/;
/** Seconds a client waits before asking again while the index warms up. */
const RETRY_AFTER_SECONDS = 2;

/**
 * Resolves once the reports' index of `storage` has finished its first build (starting it if none runs): until
 * then the report endpoints answer 503 warming-up. Tests that query reports straight after creating an app wait
 * for it.
 */
export async function reportsReady(storage: Storage): Promise<void> {
  await reportIndexOfStorage(storage).refresh();
}

/**
 * The manager page's reports (issue 9), `GET /api/v1/reports/…`, computed from the rows the caller may see with
 * the shared scoring rules. Role-aware: an admin sees everything, a manager their team, a rep what they own.
 * Long lists are paginated (`offset`, `limit` ≤ 200). Rows come from an in-memory index kept up to date from the
 * change log (../reports/report-index.ts); an answer is remembered until the data changes or a minute passes.
 */
export function reportRoutes(deps: AppDeps) {
  // The rules in force (server/scoring's rule store, loaded before each request), else the defaults.
  const inForce = (): { version: number; rules: ScoringRules } =>
    deps.scoring ? deps.scoring.rules.current() : { version: 0, rules: DEFAULT_RULES };
  const rules = () => inForce().rules;
  const index = reportIndexOfStorage(deps.storage);
  const answers = new AnswerCache(200);
  /** The last failure of a first build a request started, if none has succeeded since. */
  let buildFailure: unknown = null;
  // Build the index and its shared per-account facts soon after start rather than on the first manager's request
  // (seconds at 100k accounts; the catch-up reads in chunks that yield to requests); a failure here (say, storage
  // closed by a test) only means the first request builds it.
  setTimeout(
    () =>
      void index.refresh().then(
        () => index.shared(),
        () => undefined,
      ),
    0,
  ).unref();
  const rowsOf = (actor: User, entity: ReportEntity, filter: ReportFilter): Row[] => index.rows(actor, entity, filter);

  const cardsFor = (actor: User, query: z.infer<typeof cardQuery>) => {
    const scope = { owner: query.owner, team: query.team };
    const accountNames = new Map(rowsOf(actor, 'account', scope).map((row) => [row.id, textOf(row.fields.name) ?? '']));
    return opportunityCards(
      rowsOf(actor, 'opportunity', scope),
      { accountNames, lastActivity: index.shared().lastActivity },
      query,
      rules(),
      deps.now(),
    );
  };

  return new Hono<Env>()
    .use('*', requireUser(deps))
    .use('*', async (c, next) => {
      if (!index.ready) {
        // The first build reads the whole database (~30 s at 100k accounts): say so at once rather than hang.
        // A request joins the build, or starts it again after a failure; that failure is the next request's 500,
        // so a broken storage is not reported as an endless warm-up.
        if (buildFailure !== null) {
          const failure = buildFailure;
          buildFailure = null;
          throw failure;
        }
        index.refresh().catch((error: unknown) => {
          buildFailure = error;
        });
        if (INDEX_FREE.test(c.req.path)) return next();
        const progress = index.progress();
        const percent = progress.total > 0 ? Math.min(99, Math.floor((progress.done * 100) / progress.total)) : 0;
        return c.json(
          {
            error: { code: 'warming-up', message: `reports are being prepared (${percent}%)`, field: null },
            progress,
          },
          503,
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
        );
      }
      const version = await index.refresh();
      await deps.scoring?.ready();
      const user = c.get('user');
      const minute = Math.floor(deps.now().getTime() / 60_000);
      const key = `${version}|${inForce().version}|${minute}|${user.name}|${user.role}|${user.team}|${c.req.url}`;
      const known = answers.get(key);
      if (known !== undefined) return c.body(known, 200, { 'content-type': 'application/json' });
      await next();
      if (c.res.status === 200) answers.set(key, await c.res.clone().text());
    })
    .get('/me', (c) => {
      const user = c.get('user');
      return c.json({ user: { name: user.name, role: user.role, team: user.team } });
    })
    .get('/people', async (c) => {
      // The owners and teams the filters offer: everyone for an admin, the team for a manager, oneself for a rep.
      const actor = c.get('user');
      const users = (await deps.storage.listUsers()).filter(
        (user) =>
          actor.role === 'admin' ||
          user.name === actor.name ||
          (actor.role === 'manager' && actor.team !== null && user.team === actor.team),
      );
      const teams = [...new Set(users.map((user) => user.team).filter((team): team is string => team !== null))].sort();
      return c.json({ users: users.map((user) => ({ name: user.name, role: user.role, team: user.team })), teams });
    })
    .get('/pipeline', (c) => {
      const query = validate(pipelineQuery, c.req.query());
      const cards = cardsFor(c.get('user'), query);
      return c.json(pipelineReport(cards, rules(), query.perStage));
    })
    .get('/opportunities', (c) => {
      const query = validate(opportunitiesQuery, c.req.query());
      const cards = cardsFor(c.get('user'), query).filter(
        (card) =>
          (query.stage === undefined || card.stage === query.stage) && (query.stuck === undefined || card.stuck),
      );
      return c.json(pageOf(cards, query.offset, query.limit));
    })
    .get('/forecast', (c) => {
      const query = validate(scopeQuery, c.req.query());
      const actor = c.get('user');
      const accounts = rowsOf(actor, 'account', query);
      return c.json(
        forecastReport(cardsFor(actor, query), accounts, index.shared().revenueByMonth, rules(), deps.now()),
      );
    })
    .get('/key-accounts', (c) => {
      const query = validate(scopeQuery.merge(pageQuery), c.req.query());
      const accounts = rowsOf(c.get('user'), 'account', query);
      const report = keyAccountReport(accounts, index.shared().transactions, rules(), deps.now());
      return c.json({ perMonth: report.perMonth, page: pageOf(report.items, query.offset, query.limit) });
    })
    .get('/structure', (c) => {
      const query = validate(scopeQuery, c.req.query());
      const accounts = rowsOf(c.get('user'), 'account', query);
      return c.json(structureReport(accounts, index.shared().transactions, rules(), deps.now()));
    })
    .get('/churn', (c) => {
      const query = validate(scopeQuery.merge(pageQuery), c.req.query());
      const accounts = rowsOf(c.get('user'), 'account', query);
      const { transactions, complaints } = index.shared();
      const items = churnReport(accounts, transactions, complaints, rules(), deps.now());
      return c.json(pageOf(items, query.offset, query.limit));
    })
    .get('/activity', (c) => {
      const query = validate(scopeQuery.merge(pageQuery), c.req.query());
      const actor = c.get('user');
      const accounts = rowsOf(actor, 'account', query);
      const accountNames = new Map(accounts.map((row) => [row.id, textOf(row.fields.name) ?? '']));
      const activities = index.rows(actor, 'activity', query, { where: mayShowActivity(deps.now()) });
      const report = repActivityReport(activities, accountNames, deps.now());
      return c.json({
        weeks: report.weeks,
        rows: report.rows,
        meetings: pageOf(report.meetings, query.offset, query.limit),
      });
    })
    .get('/leads', (c) => {
      // The lead list (潜在客户): a rep sees their own and their team's pool, a manager the team, an admin all.
      const query = validate(leadsQuery, c.req.query());
      const rows = index
        .rows(c.get('user'), 'account', { owner: query.owner, team: query.team }, { withPool: true })
        .map((row) => ({ ...row, lockedOwner: index.record('account', row.id)?.ownership.lockedOwner === true }));
      return c.json(leadPage(rows, { ...query, pool: query.pool === '1' }, query.offset, query.limit));
    })
    .get('/complaints', (c) => {
      const query = validate(scopeQuery, c.req.query());
      const actor = c.get('user');
      return c.json(complaintReport(rowsOf(actor, 'complaint', query), rowsOf(actor, 'account', query), deps.now()));
    });
}
