import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

/** Where `npm run build:web` writes the manager page (server/web/vite.config.ts). */
export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/**
 * The manager page's Content-Security-Policy: scripts, styles and requests only from this server, no inline
 * script or style element, no plugins, no framing. Captured text is untrusted (DESIGN §11): even if some got
 * into markup, nothing inline could run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built manager page at `/` (DESIGN §10): files from `dist`, and index.html for any other GET path
 * outside `/api/` so the page's own routes (`/pipeline`, `/key-accounts`) survive a reload. Every answer carries
 * the CSP. The page itself asks `/api/v1/reports/me` and shows the login when there is no session.
 */
export function webRoutes(dist: string = WEB_DIST) {
  const root = normalize(dist + sep);
  return new Hono().get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text('not found', 404);
    }
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    const file = normalize(join(root, path));
    const isAsset = file.startsWith(root) && extname(file) !== '' && !file.endsWith(sep);
    if (isAsset) {
      const body = await readFile(file).catch(() => null);
      if (body) {
        const hashed = path.startsWith('/assets/');
        c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        return c.body(body, 200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      }
      return c.text('not found', 404);
    }
    const index = await readFile(join(root, 'index.html'), 'utf8').catch(() => null);
    if (index === null) return c.text('The manager page is not built: run "npm run build:web".', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(index);
  });
}
