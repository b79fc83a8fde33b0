/**
 * Compaction: when the update log after the snapshot reaches its bound, the room's state becomes the
 * snapshot and the compacted updates are deleted. What a room opens with (snapshot plus tail) holds
 * exactly what the clients hold, before compaction, just after it, and after more changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { compactionBound } from '../../../server/commentary/commentary-log.ts';
import { commentaryDocOf } from '../../../server/commentary/commentary-state.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { openRoom, type RoomClient } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { addParagraph, countUpdates, expectSameState, fragmentOf, paragraphText, storedDoc, typeInto } from './commentary-helpers.ts';

const documentId = 'frus1981-88v41-d97';

describe('compaction of the commentary log', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  const open: RoomClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    [ana, ben] = await Promise.all([signUpUser(server.url, 'Ana'), signUpUser(server.url, 'Ben')]);
  });
  afterAll(async () => {
    for (const client of open) client.destroy();
    await server?.close();
  });

  it('folds the log into a snapshot at its bound, keeping the content identical', async () => {
    const groupId = await startSeminar({ name: 'Compacting', owner: ana, documentId, members: [[ben, 'member']] });
    const roomName = `commentary/${groupId}/${documentId}`;
    const [writer, reader] = [openRoom(server.url, ana, roomName), openRoom(server.url, ben, roomName)];
    open.push(writer, reader);
    await Promise.all([writer, reader].map((client) => client.until((room) => room.provider.synced)));
    const snapshots = async () => (await server.db.query<{ state: Uint8Array; up_to: string }>('SELECT state, up_to FROM commentary_snapshots WHERE group_id = $1', [groupId])).rows;

    // One update short of the bound: everything is in the log, and the log alone rebuilds it.
    const typed = 'x'.repeat(compactionBound.updates - 2);
    addParagraph(writer.doc, '');
    typeInto(writer.doc, typed, (length) => length);
    await reader.until(() => paragraphText(reader.doc) === typed, 'every character');
    expect(await countUpdates(server.db, groupId)).toBe(compactionBound.updates - 1);
    expect(await snapshots()).toEqual([]);
    expectSameState(await storedDoc(server.db, groupId, documentId), reader.doc);

    // Deleting a word counts too; this update reaches the bound.
    ((fragmentOf(writer.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 10);
    await reader.until(() => paragraphText(reader.doc).length === typed.length - 10, 'the deletion');
    const room = await server.rooms.open({ type: 'commentary', groupId, documentId });
    await room.commentary!.exclusive(() => undefined); // the compaction that followed it is done
    expect(await countUpdates(server.db, groupId)).toBe(0);
    const [snapshot] = await snapshots();
    expectSameState(commentaryDocOf(snapshot!.state), reader.doc);
    expectSameState(await storedDoc(server.db, groupId, documentId), reader.doc);

    // After it, the log grows again from the snapshot.
    typeInto(writer.doc, 'tail', () => 0);
    await reader.until(() => paragraphText(reader.doc).startsWith('liat'), 'the tail');
    expect(await countUpdates(server.db, groupId)).toBe(4);
    expectSameState(await storedDoc(server.db, groupId, documentId), reader.doc);
    expectSameState(writer.doc, reader.doc);
  }, 60_000);
});
