import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, webRoutes } from './web';

function appOver(dist: string) {
  const app = new Hono();
  app.get('/api/v1/health', (c) => c.json({ ok: true }));
  app.route('/', webRoutes(dist));
  app.notFound((c) => c.json({ error: { code: 'not-found' } }, 404));
  return app;
}

const dist = mkdtempSync(join(tmpdir(), 'leadcard-web-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(
  join(dist, 'index.html'),
  '<!doctype html><title>Leadcard</title><script type="module" src="/assets/a.js"></script>',
);
writeFileSync(join(dist, 'assets', 'a.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'secret.txt'), 'outside');
const app = appOver(dist);

describe('webRoutes', () => {
  it('serves index.html at / and at the page’s own paths, with the strict CSP', async () => {
    for (const path of ['/', '/pipeline', '/key-accounts']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).toContain('<title>Leadcard</title>');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('serves hashed assets with their type and a long cache; a missing file is 404', async () => {
    const res = await app.request('/assets/a.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside dist', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%E0%A4%A.js']) {
      const res = await app.request(path);
      expect(await res.text()).not.toBe('outside');
    }
  });

  it('leaves /api/ to the API: a known route answers, an unknown one is the JSON 404', async () => {
    expect(await (await app.request('/api/v1/health')).json()).toEqual({ ok: true });
    const res = await app.request('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not-found' } });
  });

  it('says how to build the page when dist is missing', async () => {
    const res = await appOver(join(dist, 'nowhere')).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:web');
  });
});
