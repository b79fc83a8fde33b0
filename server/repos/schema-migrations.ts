/** The record of applied migrations, one row per migration file. */
import type { Queryable } from '../db/database.ts';

export async function ensureSchemaMigrationsTable(db: Queryable): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name       text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export async function isMigrationApplied(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
  return rows.length > 0;
}

export async function insertMigration(db: Queryable, name: string): Promise<void> {
  await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
}

export async function countMigrations(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM schema_migrations');
  return rows[0]?.count ?? 0;
}

/**
 * Serialises migrations across instances starting at once: the second waits, then finds the
 * migration applied. Held until the transaction ends.
 */
export async function lockMigrations(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('marginalia:migrations'))");
}
