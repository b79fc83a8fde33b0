import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationCount } from '../helpers/migrations.ts';
import type { HealthResponse } from '../../server/routes/health.ts';
import { testDatabaseUrl } from '../helpers/database.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

describe('GET /api/health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('reports the database in use and the applied migrations', async () => {
    const { status, body } = await getJson<HealthResponse>(`${server.url}/api/health`);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: testDatabaseUrl ? 'postgres' : 'pglite', migrations: migrationCount });
  });
});
