/** Everything under /api: JSON in, JSON out, and a JSON 404 for routes that do not exist. */
import express, { Router } from 'express';
import type { Database } from '../db/database.ts';
import { routeNotFound } from '../errors.ts';
import { documentsRouter } from './documents.ts';
import { healthRouter } from './health.ts';

export function apiRouter(db: Database): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(healthRouter(db));
  router.use(documentsRouter(db));
  router.use((req, _res, next) => next(routeNotFound(req.method, req.originalUrl.split('?')[0] ?? req.originalUrl)));
  return router;
}
