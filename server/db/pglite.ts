/**
 * The embedded database: PGlite in a local folder, used directly (its own query and transaction).
 * PGlite is one in-process connection, so its `transaction` also serialises against other queries.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';

export async function openPglite(dataDir: string): Promise<Database> {
  let pg: PGlite;
  try {
    await mkdir(dataDir, { recursive: true });
    pg = await PGlite.create(dataDir);
  } catch (error) {
    throw new Error(`cannot open the embedded database in ${dataDir} (${describe(error)})`, { cause: error });
  }
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
