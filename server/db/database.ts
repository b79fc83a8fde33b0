/**
 * The one database interface the server uses. Two implementations sit behind it: PostgreSQL through a
 * `pg` pool (production) and PGlite, an embedded PostgreSQL in a local folder (the default, so a fresh
 * machine runs with nothing else installed). Both speak the same SQL; repos never know which is in use.
 */

export type DatabaseKind = 'pglite' | 'postgres';

export interface QueryResult<T> {
  rows: T[];
}

/** What a repo needs: a connection or a transaction, it does not care which. */
export interface Queryable {
  /** One parameterised statement ($1, $2 …). */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters, as in a migration file. */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
