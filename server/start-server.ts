/**
 * Starting and stopping one server: open the database, migrate, seed, (build the client,) listen.
 * The entry point and the tests both start servers through here.
 */
import { createLiveSessions } from './auth/live-sessions.ts';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { openDatabase } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { seedDocuments } from './seed/seed.ts';
import { demoDocumentId, ensureDemoSeminar } from './seed/demo-seminar.ts';
import { seedDemoDiscussion } from './seed/demo-discussion.ts';
import { createRealtime, type Realtime } from './realtime/socket-server.ts';
import { createRoomRegistry, type RoomRegistry } from './rooms/room-registry.ts';
import { serveRooms } from './rooms/upgrade.ts';
import { commandExecutor } from './commands/execute-command.ts';
import { createLogger, type Logger } from './logger.ts';
import { createApp } from './app.ts';
import { clientAssets } from './client-assets.ts';
import { ensureClientBuilt } from './client-build.ts';

export interface StartOptions {
  /** Overrides config.port; 0 picks a free port. */
  port?: number;
  /** PostgreSQL only: run in this schema (created if missing), to isolate tests. */
  schema?: string;
  /** Build the client first when it is stale (the entry point does; tests build once per run). */
  buildClient?: boolean;
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  rooms: RoomRegistry;
  logger: Logger;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = await openDatabase(config, {
    ...(options.schema ? { schema: options.schema } : {}),
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
  });
  try {
    const migrations = await migrate(db);
    logger.info({ database: db.kind, ...migrations }, 'database ready');
    for (const seeded of await seedDocuments(db)) {
      if (seeded.created) logger.info({ id: seeded.id, warnings: seeded.warnings }, 'seed document imported');
    }
    const demo = await ensureDemoSeminar(db);
    if (demo.created) {
      if (config.withDemoDiscussion) await seedDemoDiscussion(db, demo.groupId, demoDocumentId);
      logger.info({ withDiscussion: Boolean(config.withDemoDiscussion) }, 'demo seminar created');
    }
    if (options.buildClient && !config.isDev) {
      const { built } = await ensureClientBuilt();
      if (built) logger.info('client built');
    }
    const client = await clientAssets(config.isDev);
    const rooms = createRoomRegistry(db, logger);
    const live = createLiveSessions();
    // Commands announce what they did through the realtime layer, which needs them to exist first.
    const execute = commandExecutor(db, rooms, { publish: (notices) => realtime.publish(notices) });
    const realtime = createRealtime(db, logger, { execute, onMemberLeft: rooms.revokeGroupAccess, live });
    const server = createServer(createApp({ db, logger, client, realtime, execute, isDev: config.isDev, live, rooms }));
    realtime.attach(server);
    serveRooms(server, db, rooms, logger, live);
    const port = await listen(server, options.port ?? config.port);
    const url = `http://127.0.0.1:${port}`;
    logger.info({ url, database: db.kind }, 'listening');
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= stop(server, realtime, rooms, client.close, db).finally(live.close));
    return { url, port, db, rooms, logger, close };
  } catch (error) {
    await db.close().catch(() => undefined); // the start-up error is the one to report
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} is already in use` : `cannot listen on port ${port} (${error.message})`));
    };
    server.once('error', onError);
    server.listen(port, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function stop(server: Server, realtime: Realtime, rooms: RoomRegistry, closeClient: () => Promise<void>, db: Database): Promise<void> {
  await realtime.close();
  await rooms.close();
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  server.closeIdleConnections();
  await closed;
  await closeClient();
  await db.close();
}
