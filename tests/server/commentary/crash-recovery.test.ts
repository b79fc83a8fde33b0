/**
 * Three members typing in the commentary when the server process is killed with SIGKILL, then started
 * again on the same database: everything the server had broadcast (an observer saw it) is there after
 * the restart, and what the members typed while it was down merges in when their providers reconnect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { openRoom, type RoomClient } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { freePort, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { addParagraph, fragmentOf, paragraphText, typeInto, untilConverged } from './commentary-helpers.ts';

const documentId = 'frus1981-88v41-d97';
const letters = ['a', 'b', 'c'];

describe('a commentary server killed with SIGKILL mid-typing', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  const open: RoomClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const client of open) client.destroy();
    server?.child.kill('SIGKILL');
    await database?.drop();
  });

  it('loses nothing it broadcast, and merges what was typed meanwhile', async () => {
    const port = await freePort();
    server = await startServerProcess(database, { port });
    const [ana, ben, cleo, olga] = await Promise.all(['Ana', 'Ben', 'Cleo', 'Olga'].map((name) => signUpUser(server.url, name))) as [TestUser, TestUser, TestUser, TestUser];
    const groupId = await startSeminar({ name: 'Crash', owner: ana, documentId, members: [[ben, 'member'], [cleo, 'member'], [olga, 'observer']] });
    const join = (user: TestUser) => {
      const client = openRoom(server.url, user, `commentary/${groupId}/${documentId}`);
      open.push(client);
      return client;
    };
    const writers = [join(ana), join(ben), join(cleo)];
    const watcher = join(olga);
    await Promise.all([...writers, watcher].map((client) => client.until((room) => room.provider.synced)));
    for (const letter of letters) addParagraph(writers[0]!.doc, letter);
    await untilConverged([...writers, watcher], (doc) => fragmentOf(doc).length === 3);

    // Each writer types its letter into its own paragraph, a character at a time, until told to stop.
    let typing = true;
    const typed = [1, 1, 1];
    const streams = writers.map(async (writer, index) => {
      while (typing) {
        typeInto(writer.doc, letters[index]!, (length) => length, index);
        typed[index]! += 1;
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    });
    const seen = () => [0, 1, 2].reduce((sum, index) => sum + paragraphText(watcher.doc, index).length, 0);
    await watcher.until(() => seen() >= 150, 'a good deal of typing to be broadcast');
    server.child.kill('SIGKILL');
    await server.exited;
    // What the observer received had been broadcast, so stored: it is the acknowledged state.
    const acknowledged = Y.encodeStateAsUpdate(watcher.doc);
    const atKill = [...typed];

    // The writers go on typing while the server is down, then it comes back on the same database.
    await Promise.all(writers.map((writer) => writer.until((room) => !room.provider.wsconnected, 'the disconnect')));
    while (typed.some((count, index) => count < atKill[index]! + 10)) await new Promise((resolve) => setTimeout(resolve, 5));
    server = await startServerProcess(database, { port });
    await Promise.all(writers.map((writer) => writer.until((room) => room.provider.synced && room.provider.wsconnected, 'the reconnect')));
    typing = false;
    await Promise.all(streams);
    expect(typed.every((count, index) => count > atKill[index]!)).toBe(true);

    const fresh = join(cleo);
    await untilConverged([...writers, fresh], (doc) => letters.every((letter, index) => paragraphText(doc, index) === letter.repeat(typed[index]!)));
    expect(Y.snapshotContainsUpdate(Y.snapshot(fresh.doc), acknowledged)).toBe(true);
  }, 90_000);
});
