/**
 * The migration runner: the numbered SQL files in migrations/ (0001_name.sql …) are applied in order,
 * each in its own transaction together with its row in schema_migrations, so a failed migration leaves
 * nothing half done and a second start applies nothing. Migrations are forward-only.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';
import { ensureSchemaMigrationsTable, insertMigration, isMigrationApplied, lockMigrations } from '../repos/schema-migrations.ts';

export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface MigrationResult {
  /** How many migrations this run applied. */
  applied: number;
  /** How many migration files there are. */
  total: number;
}

export async function migrate(db: Database, dir: string = migrationsDir): Promise<MigrationResult> {
  const names = (await readdir(dir)).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort();
  await ensureSchemaMigrationsTable(db);
  let applied = 0;
  for (const name of names) {
    const sql = await readFile(path.join(dir, name), 'utf8');
    const didApply = await db.transaction(async (tx) => {
      await lockMigrations(tx);
      if (await isMigrationApplied(tx, name)) return false;
      try {
        await tx.exec(sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`migration ${name} failed: ${reason.split('\n')[0]}`, { cause: error });
      }
      await insertMigration(tx, name);
      return true;
    });
    if (didApply) applied += 1;
  }
  return { applied, total: names.length };
}
