/**
 * The Express application: request logging, the API, the client, the error middleware. It does not
 * listen; start-server.ts does, so tests and the entry point share one wiring.
 */
import type { RoomRegistry } from './rooms/room-registry.ts';
import { warmReaderRoom } from './rooms/warm-reader-room.ts';
import type { LiveSessions } from './auth/live-sessions.ts';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Database } from './db/database.ts';
import type { Logger } from './logger.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { apiRouter } from './routes/api.ts';
import type { ClientAssets } from './client-assets.ts';
import type { Realtime } from './realtime/socket-server.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import type { ExecuteCommand } from './commands/execute-command.ts';

export interface AppDeps {
  db: Database;
  logger: Logger;
  client: ClientAssets;
  realtime: Realtime;
  execute: ExecuteCommand;
  isDev: boolean;
  live: LiveSessions;
  rooms: RoomRegistry;
}

export function createApp({ db, logger, client, realtime, execute, isDev, live, rooms }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(pinoHttp({ logger }));
  app.use(securityHeaders(isDev));
  app.use('/api', apiRouter(db, realtime, execute, live, rooms));
  app.get('/groups/:groupId/documents/:documentId', warmReaderRoom(db, rooms, logger));
  app.use(...client.handlers);
  app.use(errorHandler);
  return app;
}
