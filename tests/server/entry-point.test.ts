import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { migrationCount } from '../helpers/migrations.ts';

// node --import tsx rather than npx: the signal must reach the server itself, not a wrapper.
describe('npm start', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('serves, logs one line per request, and stops cleanly on SIGTERM', async () => {
    const server = await startServerProcess(database);
    const url = server.url;
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: database.kind, migrations: migrationCount });

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toBe('');
    expect(server.lines.filter((line) => line.msg === 'request completed')).toHaveLength(1);
  });
});
