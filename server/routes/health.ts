/** GET /api/health: is the server up, which database does it use, how many migrations are applied. */
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { countMigrations } from '../repos/schema-migrations.ts';

export interface HealthResponse {
  status: 'ok';
  database: Database['kind'];
  migrations: number;
}

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    // Asking the database (rather than reporting start-up state) makes this a real liveness check.
    const body: HealthResponse = { status: 'ok', database: db.kind, migrations: await countMigrations(db) };
    res.json(body);
  });
  return router;
}
