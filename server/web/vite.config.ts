import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The manager page: a Preact SPA built to server/web/dist, served by the server at `/` (server/routes/web.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The preload polyfill would be an inline script; the strict CSP allows none, and Chromium needs no polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 400,
  },
});
