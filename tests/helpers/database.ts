/**
 * A fresh, isolated database for one test: a copy of the run's PGlite template in a temporary folder,
 * or, when TEST_DATABASE_URL is set, a new schema in that PostgreSQL, dropped afterwards.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../../server/config.ts';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  /** The database part of a Config: hand to startServer or openDatabase. */
  config: Pick<Config, 'databaseUrl' | 'dataDir'>;
  /** PostgreSQL only: the schema to pass to startServer / openDatabase. */
  schema?: string;
  /** Environment for a child process (the CLI, the entry point) to use the same database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

export async function createTestDatabase(): Promise<TestDatabase> {
  return testDatabaseUrl ? createPostgresSchema(testDatabaseUrl) : copyPgliteTemplate();
}

async function copyPgliteTemplate(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-test-'));
  await cp(inject('pgliteTemplate'), path.join(dataDir, 'pglite'), { recursive: true });
  return {
    kind: 'pglite',
    config: { databaseUrl: null, dataDir },
    env: { MARGINALIA_DATA_DIR: dataDir },
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function createPostgresSchema(url: string): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  // A child process (the CLI, the entry point) finds the schema through the search_path in its URL.
  const childUrl = new URL(url);
  childUrl.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'postgres',
    config: { databaseUrl: url, dataDir: os.tmpdir() },
    schema,
    env: { DATABASE_URL: childUrl.toString() },
    async drop() {
      await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}

async function withClient(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
