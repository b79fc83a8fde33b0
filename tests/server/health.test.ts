import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../server/db/migrate.ts';
import type { HealthResponse } from '../../server/routes/health.ts';
import { testDatabaseUrl } from '../helpers/database.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

const migrationFiles = readdirSync(migrationsDir).filter((name) => name.endsWith('.sql')).length;

describe('GET /api/health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('reports the database in use and the applied migrations', async () => {
    const { status, body } = await getJson<HealthResponse>(`${server.url}/api/health`);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: testDatabaseUrl ? 'postgres' : 'pglite', migrations: migrationFiles });
  });
});
