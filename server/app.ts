import { Hono } from 'hono';
import { VERSION } from './version';

/** The Hono app: routes composed, nothing else (DESIGN §2). */
export function createApp() {
  const app = new Hono();
  app.get('/api/v1/health', (c) => c.json({ ok: true, version: VERSION }));
  return app;
}
