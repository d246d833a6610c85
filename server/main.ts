import { serve } from '@hono/node-server';
import { createApp } from './app';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
}

/** Starts the HTTP server; resolves with the URL once it listens. Closes cleanly on SIGTERM/SIGINT. */
export function startServer(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp();
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      const url = `http://${host}:${info.port}/`;
      const close = () => new Promise<void>((done) => server.close(() => done()));
      const stop = () => {
        void close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      resolve({ url, close });
    });
  });
}
