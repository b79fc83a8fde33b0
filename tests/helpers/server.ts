/** Starts the real server on a free port against a fresh test database (see database.ts). */
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import type { RoomRegistry } from '../../server/rooms/room-registry.ts';
import { startServer } from '../../server/start-server.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestServer {
  url: string;
  db: Database;
  rooms: RoomRegistry;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config: Config = {
    port: 0,
    logLevel: 'silent',
    isDev: false,
    // Tests count members and annotations: the example discussion is tested on its own.
    withDemoDiscussion: false,
    ...database.config,
    ...overrides,
  };
  try {
    const server = await startServer(config, { port: 0, ...(database.schema ? { schema: database.schema } : {}) });
    return {
      url: server.url,
      db: server.db,
      rooms: server.rooms,
      database,
      async close() {
        await server.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}
