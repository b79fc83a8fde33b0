/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite. */
import { pgliteDir, type Config } from '../config.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres, type PostgresOptions } from './postgres.ts';

export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, options: PostgresOptions = {}): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, options) : openPglite(pgliteDir(config));
}
