/**
 * Nothing acknowledged is lost: the server process is killed with SIGKILL in the middle of a stream of
 * commands from three clients, and started again on the same database. Every acknowledged command is
 * there; every unacknowledged one, resent from its client's outbox, applies exactly once; every
 * client converges on the database's state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupRecord } from '../../../shared/accounts.ts';
import type { CommandResult } from '../../../shared/annotations.ts';
import { isStaleCopy, roomMaps } from '../../../shared/rooms.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom, type CommandClient, type RoomClient } from '../../helpers/room-client.ts';
import { freePort, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;
const quotes = ['new leadership', 'November 1986 to host', 'Radio jamming must cease', 'Emigration must be freed up', 'the land of the Gulag'];

/** A client with an outbox: every command stays in it until acknowledged, and is resent as it was. */
class OutboxClient {
  readonly outbox = new Map<string, Record<string, unknown> & { annotationId: string }>();
  readonly acknowledged = new Map<string, CommandResult>();
  constructor(public commands: CommandClient) {}

  async send(command: Record<string, unknown> & { commandId: string; annotationId: string }): Promise<void> {
    this.outbox.set(command.commandId, command);
    try {
      const result = await this.commands.socket.timeout(2_000).emitWithAck('command', command);
      this.outbox.delete(command.commandId);
      this.acknowledged.set(command.commandId, result);
    } catch {
      // No acknowledgement: the command stays in the outbox.
    }
  }

  async flush(): Promise<void> {
    for (const command of [...this.outbox.values()]) await this.send(command as Record<string, unknown> & { commandId: string; annotationId: string });
  }
}

describe('a server killed with SIGKILL mid-stream', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  const users: TestUser[] = [];
  let groupId = '';

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await database?.drop();
  });

  it('loses nothing acknowledged and applies every resent command exactly once', async () => {
    const port = await freePort();
    server = await startServerProcess(database, { port });
    for (const name of ['Ana', 'Ben', 'Cleo']) users.push(await signUpUser(server.url, name));
    groupId = (await users[0]!.client.post<GroupRecord>('/api/groups', { name: 'Crash' })).body.id;
    await users[0]!.client.post(`/api/groups/${groupId}/documents`, { documentId });
    for (const user of users.slice(1)) {
      const invite = await users[0]!.client.post<{ token: string }>(`/api/groups/${groupId}/invites`, {});
      await user.client.post(`/api/invites/${invite.body.token}/accept`);
    }
    const roomName = `group/${groupId}/${documentId}`;
    const watcher: RoomClient = openRoom(server.url, users[1]!, roomName);
    await watcher.until((room) => room.provider.synced, 'the first sync');

    const clients = await Promise.all(users.map(async (user) => new OutboxClient(await openCommands(server.url, user))));
    let stop = false;
    let sent = 0;
    const streams = clients.map(async (client, index) => {
      for (let i = 0; !stop && i < 400; i += 1) {
        sent += 1;
        await client.send(createAnnotationCommand({ text, quote: quotes[(index + i) % quotes.length]!, groupId, documentId, body: `client ${index} note ${i}` }));
      }
    });
    // Kill once a good number are acknowledged, while all three are still sending.
    while (clients.reduce((sum, client) => sum + client.acknowledged.size, 0) < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGKILL');
    await server.exited;
    stop = true;
    await Promise.all(streams);

    const acknowledged = clients.flatMap((client) => [...client.acknowledged.values()]);
    const pending = clients.flatMap((client) => [...client.outbox.values()]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(acknowledged.length + pending.length).toBe(sent);

    server = await startServerProcess(database, { port });
    for (const client of clients) {
      await new Promise<void>((resolve) => (client.commands.socket.connected ? resolve() : client.commands.socket.once('connect', () => resolve())));
      await client.flush();
      expect(client.outbox.size).toBe(0);
    }

    const rows = await (async () => {
      const { openDatabase } = await import('../../../server/db/open.ts');
      const db = await openDatabase({ ...database.config, port: 0, logLevel: 'silent', isDev: false } as Parameters<typeof openDatabase>[0], database.schema ? { schema: database.schema } : {});
      try {
        return (await db.query<{ id: string; body: string }>('SELECT id, body FROM annotations')).rows;
      } finally {
        await db.close();
      }
    })();
    const stored = new Map(rows.map((row) => [row.id, row.body]));
    // Every acknowledged record is there with what was acknowledged; nothing is there twice.
    for (const result of acknowledged) {
      if (!result.ok) throw new Error(`a command was refused: ${result.message}`);
      expect(stored.get(result.annotation!.id)).toBe(result.annotation!.body);
    }
    expect(stored.size).toBe(sent);
    expect(new Set(rows.map((row) => row.body)).size).toBe(sent);

    // The watcher's provider reconnects to a rebuilt room: a new epoch tells it to drop its copy.
    await watcher.until((room) => isStaleCopy(room.doc.getMap(roomMaps.meta).keys()), 'the new epoch');
    watcher.destroy();
    const fresh = openRoom(server.url, users[2]!, roomName);
    await fresh.until((room) => room.annotations().size === sent, 'every record');
    expect([...fresh.annotations().keys()].sort()).toEqual([...stored.keys()].sort());
    fresh.destroy();
    for (const client of clients) client.commands.close();
  }, 90_000);
});
