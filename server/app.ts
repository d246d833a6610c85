import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from './deps';
import type { Env } from './http';
import { HttpError } from './http-error';
import { accountEditRoutes } from './routes/account-edits';
import { accountRoutes } from './routes/accounts';
import { authRoutes } from './routes/auth';
import { convertRoutes } from './routes/convert';
import { lookupRoutes } from './routes/lookup';
import { opportunityRoutes } from './routes/opportunities';
import { ownershipRoutes } from './routes/ownership';
import { reportRoutes } from './routes/reports';
import { rulesRoutes } from './routes/rules';
import { syncRoutes } from './routes/sync';
import { teamRoutes } from './routes/teams';
import { userRoutes } from './routes/users';
import { webRoutes } from './routes/web';
import { VERSION } from './version';

/** Request bodies above this are refused with 413 (issue 4: 5 MB). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The Hono app: routes composed, nothing else (DESIGN §2). */
export function createApp(deps: AppDeps) {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // One line per request: no query string, no body, only the user's id (DESIGN §11: no personal data).
    const user = c.get('user');
    const ms = (performance.now() - started).toFixed(1);
    deps.log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms ${user ? user.id : '-'}`);
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, 'too-large', `the body is over ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.get('/api/v1/health', (c) => c.json({ ok: true, version: VERSION }));
  app.route('/api/v1/auth', authRoutes(deps));
  app.route('/api/v1/sync', syncRoutes(deps));
  app.route('/api/v1/accounts', accountRoutes(deps));
  app.route('/api/v1/accounts', accountEditRoutes(deps));
  app.route('/api/v1/accounts', convertRoutes(deps));
  app.route('/api/v1', lookupRoutes(deps));
  app.route('/api/v1/ownership', ownershipRoutes(deps));
  app.route('/api/v1/reports', reportRoutes(deps));
  app.route('/api/v1/opportunities', opportunityRoutes(deps));
  app.route('/api/v1/rules', rulesRoutes(deps));
  app.route('/api/v1/users', userRoutes(deps));
  app.route('/api/v1/teams', teamRoutes(deps));
  app.route('/', webRoutes());
  app.notFound((c) =>
    c.json({ error: { code: 'not-found', message: `no route ${c.req.method} ${c.req.path}`, field: null } }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: { code: error.code, message: error.message, field: error.field } }, error.status);
    }
    deps.log(`error ${c.req.method} ${c.req.path}: ${error.name}: ${error.message}`);
    return c.json({ error: { code: 'internal', message: 'internal server error', field: null } }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
