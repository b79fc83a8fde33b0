import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrate, migrationsDir } from '../../server/db/migrate.ts';
import { countMigrations } from '../../server/repos/schema-migrations.ts';
import { migrationCount } from '../helpers/migrations.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('migrate', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('applies nothing on a second run', async () => {
    // The server already migrated at start.
    expect(await migrate(server.db)).toEqual({ applied: 0, total: migrationCount });
    expect(await countMigrations(server.db)).toBe(migrationCount);
  });

  it('applies nothing when two runs race', async () => {
    const results = await Promise.all([migrate(server.db), migrate(server.db)]);
    expect(results.map((r) => r.applied)).toEqual([0, 0]);
  });
});

describe('migrate with new migration files', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-migrations-'));
    await cp(migrationsDir, dir, { recursive: true });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies only the new file, once', async () => {
    await writeFile(path.join(dir, '0002_notes.sql'), 'CREATE TABLE notes (id int PRIMARY KEY);\nINSERT INTO notes VALUES (1);');
    expect(await migrate(server.db, dir)).toEqual({ applied: 1, total: migrationCount + 1 });
    expect(await migrate(server.db, dir)).toEqual({ applied: 0, total: migrationCount + 1 });
    expect(await countMigrations(server.db)).toBe(migrationCount + 1);
  });

  it('rolls a failing migration back whole and names it', async () => {
    await writeFile(path.join(dir, '0003_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
    await expect(migrate(server.db, dir)).rejects.toThrow(/^migration 0003_broken\.sql failed: .*no_such_table/);
    const { rows } = await server.db.query<{ name: string | null }>("SELECT to_regclass('half_done')::text AS name");
    expect(rows[0]?.name).toBeNull();
    expect(await countMigrations(server.db)).toBe(migrationCount + 1);
  });
});
