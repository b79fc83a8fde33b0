import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.ts';
import { runScript } from '../helpers/run.ts';

/** Starts the real entry point and expects it to give up with exactly one line on stderr. */
async function expectStartupFailure(env: Record<string, string>): Promise<string> {
  const result = await runScript('server/index.ts', [], env);
  expect(result.code).toBe(1);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^marginalia: /);
  return lines[0] ?? '';
}

describe('starting with a bad configuration', () => {
  it('names an unreachable PostgreSQL without its password', async () => {
    const line = await expectStartupFailure({ DATABASE_URL: 'postgresql://historian:s3cret@127.0.0.1:1/marginalia' });
    expect(line).toBe('marginalia: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)');
  });

  it('rejects an unparseable DATABASE_URL without echoing it', async () => {
    const line = await expectStartupFailure({ DATABASE_URL: 'not a url with s3cret' });
    expect(line).toMatch(/^marginalia: DATABASE_URL is not a valid URL/);
    expect(line).not.toContain('s3cret');
  });

  it('rejects a URL of another kind', async () => {
    const line = await expectStartupFailure({ DATABASE_URL: 'mysql://root@127.0.0.1/marginalia' });
    expect(line).toBe('marginalia: DATABASE_URL must start with postgresql://, not mysql://');
  });

  it('rejects an invalid PORT', async () => {
    const line = await expectStartupFailure({ PORT: 'eighty' });
    expect(line).toBe('marginalia: PORT must be a whole number from 0 to 65535, not "eighty"');
  });

  it.skipIf(!testDatabaseUrl)('names a database that does not exist', async () => {
    const url = new URL(testDatabaseUrl ?? 'postgresql://localhost/test');
    url.pathname = '/marginalia_no_such_database';
    const line = await expectStartupFailure({ DATABASE_URL: url.toString() });
    expect(line).toBe(`marginalia: PostgreSQL at ${url.hostname}:${url.port || '5432'} has no database "marginalia_no_such_database"`);
  });
});
