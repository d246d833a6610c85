import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startRealServer } from '../support/server';

describe('leadcard serve on loopback', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server?.stop());

  it('answers GET /api/v1/health with ok and the version', async () => {
    const res = await fetch(`${server.url}/api/v1/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
