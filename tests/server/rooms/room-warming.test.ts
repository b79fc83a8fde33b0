/**
 * A crowded room is opened as its reader's page is asked for, not when the page's script connects,
 * and only for someone who may read it. A newcomer's sync comes from one encoding of the room's
 * state, which must follow every change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomName } from '../../../shared/rooms.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('rooms warmed by the reader page', () => {
  let server: TestServer;
  let ana: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana');
    stranger = await signUpUser(server.url, 'Stranger');
  });
  afterAll(() => server?.close());

  const until = async (test: () => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!test() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return test();
  };

  it('opens the seminar’s room when a member asks for its reader page, and not for anyone else', async () => {
    const groupId = await startSeminar({ name: 'Warm', owner: ana, documentId });
    const room: RoomName = { type: 'group', groupId, documentId };
    const page = `/groups/${groupId}/documents/${documentId}`;
    const getPage = async (user: TestUser | null) => (await fetch(`${server.url}${page}`, { headers: user?.client.cookie ? { cookie: user.client.cookie } : {} })).status;
    expect(await getPage(null)).toBe(200); // anonymous: the page, no room
    expect(await getPage(stranger)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.rooms.isOpen(room)).toBe(false);
    expect(await getPage(ana)).toBe(200);
    expect(await until(() => server.rooms.isOpen(room))).toBe(true);
  });

  it('gives every newcomer the room’s state as it stands, however many came before', async () => {
    const groupId = await startSeminar({ name: 'Newcomers', owner: ana, documentId });
    const roomName = `group/${groupId}/${documentId}`;
    const commands = await openCommands(server.url, ana);
    const first = createAnnotationCommand({ text, quote: 'new leadership', groupId, documentId, body: 'One' });
    expect((await commands.send(first)).ok).toBe(true);
    const early = openRoom(server.url, ana, roomName);
    await early.until((r) => r.annotations().has(first.annotationId), 'the first record');
    const second = createAnnotationCommand({ text, quote: 'Radio jamming must cease', groupId, documentId, body: 'Two' });
    expect((await commands.send(second)).ok).toBe(true);
    // A reader arriving after the change is not given the encoding made for the one before it.
    const late = openRoom(server.url, ana, roomName);
    await late.until((r) => r.annotations().has(first.annotationId) && r.annotations().has(second.annotationId), 'both records');
    expect([...late.annotations().keys()].sort()).toEqual([first.annotationId, second.annotationId].sort());
    early.destroy();
    late.destroy();
    commands.close();
  });
});
