/**
 * PostgreSQL through a `pg` pool. Opening checks the connection at once, so a wrong DATABASE_URL fails
 * at start-up with one readable line instead of at the first request.
 *
 * `schema` isolates a test run: the schema is created if missing and every pooled connection gets it
 * as its search_path, so the same unqualified SQL runs against it.
 */
import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { describeConnectionError, describeServer, isConnectionError } from './connection-error.ts';

export interface PostgresOptions {
  schema?: string;
  /** Errors of idle pooled connections (a restarted server); without a listener they would crash. */
  onIdleError?: (error: Error) => void;
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !schemaName.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const server = describeServer(url);
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    // Commands hold a connection for a whole transaction; 20 lets a lecture hall's writers overlap.
    max: 20,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (error) => options.onIdleError?.(error));

  try {
    // search_path naming a missing schema is not an error: creating it here takes effect at once.
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined); // the connection error is the one worth reporting
    throw new Error(describeConnectionError(error, server), { cause: error });
  }

  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that failed mid-transaction goes back to the pool only to be destroyed.
        if (isConnectionError(error)) broken = error as Error;
        await client.query('ROLLBACK').catch(() => undefined); // the original error matters more
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T & pg.QueryResultRow>(sql, [...params]);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  };
}
