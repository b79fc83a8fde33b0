/** How many migrations the project has: what a fully migrated database reports. */
import { readdirSync } from 'node:fs';
import { migrationsDir } from '../../server/db/migrate.ts';

export const migrationCount = readdirSync(migrationsDir).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).length;
