/** GET /api/search: full-text search of what the signed-in reader may read (docs/search.md). */
import { Router } from 'express';
import { searchQuerySchema } from '../../shared/search.ts';
import type { Database } from '../db/database.ts';
import { searchAnnotations } from '../search/search-annotations.ts';
import { parseBody, requireUser } from './parse.ts';

export function searchRouter(db: Database): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const actor = requireUser(req);
    res.json(await searchAnnotations(db, actor, parseBody(searchQuerySchema, req.query)));
  });
  return router;
}
