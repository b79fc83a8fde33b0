/**
 * PostgreSQL unreachable for a while: commands are answered "try again" (the client keeps them in
 * its outbox), the server stays up, and it resumes when the database returns. Needs a PostgreSQL
 * server to cut off (TEST_DATABASE_URL); the embedded PGlite cannot become unreachable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupRecord } from '../../../shared/accounts.ts';
import { startServer, type RunningServer } from '../../../server/start-server.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../helpers/database.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, type CommandClient } from '../../helpers/room-client.ts';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

if (!testDatabaseUrl) console.info('database-outage: no TEST_DATABASE_URL, so no PostgreSQL to cut off: skipping');

describe.skipIf(!testDatabaseUrl)('PostgreSQL unreachable for a while', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: RunningServer;
  let ana: TestUser;
  let commands: CommandClient;
  let groupId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(testDatabaseUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(testDatabaseUrl!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    server = await startServer(
      { port: 0, logLevel: 'silent', isDev: false, databaseUrl: viaProxy.toString(), dataDir: database.config.dataDir },
      { port: 0, schema: database.schema! },
    );
    ana = await signUpUser(server.url, 'Ana');
    groupId = (await ana.client.post<GroupRecord>('/api/groups', { name: 'Outage' })).body.id;
    await ana.client.post(`/api/groups/${groupId}/documents`, { documentId });
    commands = await openCommands(server.url, ana);
    // The socket has joined its groups (the server announced presence) before the database goes away.
    await new Promise((resolve) => commands.socket.once('group:presence', resolve));
  });
  afterAll(async () => {
    commands?.close();
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers "try again" while the database is away, and applies the same command once it is back', async () => {
    const command = createAnnotationCommand({ text, quote: 'new leadership', groupId, documentId, body: 'Written during the outage.' });
    proxy.cut();
    const refused = await commands.send(command);
    expect(refused).toMatchObject({ ok: false, error: 'unavailable', status: 503, message: expect.stringMatching(/try again|sent again/i) });
    const health = await ana.client.get('/api/health');
    expect(health).toMatchObject({ status: 503, body: { error: 'unavailable' } });

    proxy.restore();
    const accepted = await commands.send(command);
    expect(accepted).toMatchObject({ ok: true, annotation: { id: command.annotationId, body: 'Written during the outage.' } });
    expect((await commands.send(command)).ok).toBe(true);
    const rows = await server.db.query('SELECT id FROM annotations WHERE id = $1', [command.annotationId]);
    expect(rows.rows).toHaveLength(1);
    expect((await ana.client.get('/api/health')).status).toBe(200);
  });
});
