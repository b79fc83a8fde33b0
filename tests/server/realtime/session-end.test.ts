/**
 * Live connections end with the session that let them in: a socket.io socket or a Yjs room opened
 * with a cookie must not outlive a sign-out, nor a password change that ends the other sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes } from '../../../shared/rooms.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { ApiClient, signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom, type CommandClient, type RoomClient } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('live connections end with their session', () => {
  let server: TestServer;
  let ana: TestUser;
  let groupId: string;
  let roomName: string;

  /** Another browser of Ana's: a session of its own. */
  async function anotherSession(): Promise<TestUser> {
    const client = new ApiClient(server.url);
    const answer = await client.post('/api/auth/signin', { email: ana.email, password: ana.password });
    if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status}`);
    return { ...ana, client };
  }
  async function connect(user: TestUser): Promise<{ commands: CommandClient; room: RoomClient; disconnected: Promise<string> }> {
    const commands = await openCommands(server.url, user);
    const disconnected = new Promise<string>((resolve) => commands.socket.once('disconnect', (reason) => resolve(reason)));
    const room = openRoom(server.url, user, roomName);
    await room.until((r) => r.provider.synced, 'sync');
    return { commands, room, disconnected };
  }
  const annotate = (commands: CommandClient, quote: string) => commands.send(createAnnotationCommand({ text, quote, groupId, documentId }));

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana');
    groupId = await startSeminar({ name: 'Sessions', owner: ana, documentId });
    roomName = `group/${groupId}/${documentId}`;
  });
  afterAll(() => server?.close());

  it('closes the socket and the rooms of a session that signs out, and only those', async () => {
    const leaver = await anotherSession();
    const leaving = await connect(leaver);
    const staying = await connect(ana);
    expect((await annotate(leaving.commands, 'new leadership')).ok).toBe(true);

    expect((await leaver.client.post('/api/auth/signout', {})).status).toBe(204);

    expect(await leaving.disconnected).toBe('io server disconnect');
    expect(await leaving.room.closed).toBe(closeCodes.sessionEnded.code);
    // The other session of the same person is untouched.
    expect(staying.commands.socket.connected).toBe(true);
    expect(staying.room.provider.wsconnected).toBe(true);
    expect((await annotate(staying.commands, 'Radio jamming must cease')).ok).toBe(true);
    staying.commands.close();
    staying.room.destroy();
    leaving.room.destroy();
  });

  it('closes the other sessions’ connections when the password changes, keeping the one that changed it', async () => {
    const changer = await anotherSession();
    const elsewhere = await connect(await anotherSession());
    const here = await connect(changer);
    const newPassword = 'a much longer new password 42';
    expect((await changer.client.post('/api/me/password', { currentPassword: ana.password, newPassword })).status).toBe(204);
    ana = { ...ana, password: newPassword };

    expect(await elsewhere.disconnected).toBe('io server disconnect');
    expect(await elsewhere.room.closed).toBe(closeCodes.sessionEnded.code);
    expect(here.commands.socket.connected).toBe(true);
    expect((await annotate(here.commands, 'November 1986 to host')).ok).toBe(true);
    here.commands.close();
    here.room.destroy();
    elsewhere.room.destroy();
  });
});
