/** Everything under /api: JSON in, JSON out, and a JSON 404 for routes that do not exist. */
import express, { Router } from 'express';
import type { Database } from '../db/database.ts';
import { routeNotFound } from '../errors.ts';
import { documentsRouter } from './documents.ts';
import { documentVersionsRouter } from './document-versions.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { documentImportsRouter } from './document-imports.ts';
import { healthRouter } from './health.ts';
import { authRouter, createAuthLimits } from './auth.ts';
import type { LiveSessions } from '../auth/live-sessions.ts';
import { groupsRouter } from './groups.ts';
import { invitesRouter } from './invites.ts';
import { annotationsRouter } from './annotations.ts';
import { layerFilesRouter } from './layer-files.ts';
import { annotationServiceRouter } from './annotation-service.ts';
import { historyRouter } from './history.ts';
import { notificationsRouter } from './notifications.ts';
import { commentaryRouter } from './commentary.ts';
import { searchRouter } from './search.ts';
import type { ExecuteCommand } from '../commands/execute-command.ts';
import type { Realtime } from '../realtime/socket-server.ts';
import { originCheck } from '../middleware/origin-check.ts';
import { sessionMiddleware } from '../middleware/session.ts';
import { tagsRouter } from './tags.ts';

export function apiRouter(db: Database, realtime: Realtime, execute: ExecuteCommand, live: LiveSessions, rooms: RoomRegistry): Router {
  const router = Router();
  router.use(originCheck);
  router.use(express.json({ limit: '1mb' }));
  router.use(sessionMiddleware(db));
  router.use(healthRouter(db));
  router.use(documentsRouter(db));
  router.use(documentVersionsRouter(db, rooms));
  router.use(documentImportsRouter(db, realtime));
  router.use(authRouter(db, createAuthLimits(), live));
  router.use(groupsRouter(db, realtime));
  router.use(invitesRouter(db, realtime));
  router.use(annotationServiceRouter(db, execute)); // before annotationsRouter: its container is …/annotations/
  router.use(annotationsRouter(db, execute));
  router.use(layerFilesRouter(db, execute));
  router.use(historyRouter(db));
  router.use(notificationsRouter(db));
  router.use(tagsRouter(db, realtime, rooms));
  router.use(commentaryRouter(db, rooms));
  router.use(searchRouter(db));
  router.use((req, _res, next) => next(routeNotFound(req.method, req.originalUrl.split('?')[0] ?? req.originalUrl)));
  return router;
}
