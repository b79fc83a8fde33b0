import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { runScript } from '../helpers/run.ts';

// The CLI opens the database itself; PGlite's folder must not be open in another process, so this
// test gets a database of its own and no server.
describe('npm run import', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('imports a file with its sibling metadata once, then reports it already imported', async () => {
    const first = await runScript('server/import-cli.ts', ['server/seed/frus1981-88v41-d97.txt'], database.env);
    expect(first).toMatchObject({ code: 0, stdout: 'imported frus1981-88v41-d97\n' });
    const second = await runScript('server/import-cli.ts', ['server/seed/frus1981-88v41-d97.txt'], database.env);
    expect(second).toMatchObject({ code: 0, stdout: 'already imported frus1981-88v41-d97\n', stderr: '' });
  });

  it('fails with one line for a missing file', async () => {
    const result = await runScript('server/import-cli.ts', ['no/such/file.txt'], database.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^marginalia import: cannot read no\/such\/file\.txt \(no such file\)\n$/);
  });
});
