/**
 * Named versions of the commentary over REST, with the notebook written through real y-websocket
 * providers: saved under a name, read back read-only, compared with now, restored as a new change that
 * open editors receive live and the log keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import { commentaryLimits, type CommentaryComparison, type CommentaryVersionRecord, type CommentaryVersionSummary } from '../../../shared/commentary.ts';
import { insertCommentaryVersion } from '../../../server/repos/commentary-versions.ts';
import { describeRange } from '../../../shared/selectors.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import type { TestUser } from '../../helpers/http-client.ts';
import { openRoom, type RoomClient } from '../../helpers/room-client.ts';
import type { TestServer } from '../../helpers/server.ts';
import { addParagraph, addPassageCitation, countUpdates, fragmentOf, paragraphText, startCommentarySeminar, untilConverged } from './commentary-helpers.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('named versions of the commentary', () => {
  let server: TestServer;
  let ana: TestUser; // owner
  let ben: TestUser; // member
  let olga: TestUser; // observer
  let stranger: TestUser;
  let groupId: string;
  let base: string;
  let a: RoomClient;
  let b: RoomClient;

  beforeAll(async () => {
    ({ server, owner: ana, member: ben, observer: olga, stranger, groupId } = await startCommentarySeminar('Versions'));
    base = `/api/groups/${groupId}/documents/${documentId}/commentary/versions`;
    const roomName = `commentary/${groupId}/${documentId}`;
    [a, b] = [openRoom(server.url, ana, roomName), openRoom(server.url, ben, roomName)];
    await Promise.all([a, b].map((client) => client.until((room) => room.provider.synced)));
  });
  afterAll(async () => {
    a?.destroy();
    b?.destroy();
    await server?.close();
  });

  it('saves, lists, reads, compares and restores a version', async () => {
    addParagraph(a.doc, 'The memo weighs a Moscow conference.');
    addPassageCitation(a.doc, text, 'new leadership', 288);
    await untilConverged([a, b], (doc) => fragmentOf(doc).length === 2);

    const saved = await ben.client.post<CommentaryVersionRecord>(base, { name: 'after session 3' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'after session 3', createdBy: { id: ben.id, displayName: 'Ben' } });
    expect(saved.body.content.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'The memo weighs a Moscow conference.' }] },
      { type: 'passage_citation', attrs: { documentId, selectors: describeRange(text, text.indexOf('new leadership'), text.indexOf('new leadership') + 14), page: 288 } },
    ]);

    // The commentary moves on: a word changed, a paragraph added.
    const first = (fragmentOf(b.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    b.doc.transact(() => {
      first.delete(first.toString().indexOf('weighs'), 'weighs'.length);
      first.insert(first.toString().indexOf(' a Moscow'), 'rejects');
    });
    addParagraph(b.doc, 'Shultz agrees.');
    await untilConverged([a, b], (doc) => fragmentOf(doc).length === 3 && paragraphText(doc).includes('rejects'));

    const list = await olga.client.get<CommentaryVersionSummary[]>(base);
    expect(list.status).toBe(200);
    expect(list.body.map((version) => version.name)).toEqual(['after session 3']);
    const read = await olga.client.get<CommentaryVersionRecord>(`${base}/${saved.body.id}`);
    expect(read.body.content).toEqual(saved.body.content);

    const compared = await olga.client.get<CommentaryComparison>(`${base}/${saved.body.id}/compare`);
    expect(compared.status).toBe(200);
    const changed = (type: string) => compared.body.parts.filter((part) => part.type === type).map((part) => part.text.trim()).join(' ');
    expect(changed('removed')).toBe('weighs');
    expect(changed('added')).toBe('rejects Shultz agrees.');
    expect(compared.body.parts.some((part) => part.type === 'same' && part.text.includes('“new leadership” (p. 288)'))).toBe(true);

    // Restoring is a change like any other: stored under Ana's name, seen live by both editors.
    const updatesBefore = await countUpdates(server.db, groupId);
    const restored = await ana.client.post(`${base}/${saved.body.id}/restore`, {});
    expect(restored.status).toBe(200);
    await untilConverged([a, b], (doc) => fragmentOf(doc).length === 2 && paragraphText(doc) === 'The memo weighs a Moscow conference.');
    expect(fragmentOf(b.doc).get(1)).toBeInstanceOf(Y.XmlElement);
    expect((fragmentOf(b.doc).get(1) as Y.XmlElement).nodeName).toBe('passage_citation');
    const { rows } = await server.db.query<{ author_id: string }>('SELECT author_id FROM yjs_updates WHERE group_id = $1 ORDER BY id', [groupId]);
    expect(rows.length).toBe(updatesBefore + 1);
    expect(rows.at(-1)!.author_id).toBe(ana.id);
    const after = await olga.client.get<CommentaryComparison>(`${base}/${saved.body.id}/compare`);
    expect(after.body.parts.every((part) => part.type === 'same')).toBe(true);

    // What was written after the version is not lost: a version saved before restoring would hold it.
    const again = await ben.client.post<CommentaryVersionRecord>(base, { name: 'after the restore' });
    expect(again.status).toBe(201);
    expect((await olga.client.get<CommentaryVersionSummary[]>(base)).body.map((version) => version.name)).toEqual(['after the restore', 'after session 3']);
  });

  it('lets observers read but not save or restore, and outsiders learn nothing', async () => {
    const saved = await ana.client.post<CommentaryVersionRecord>(base, { name: 'for the rules' });
    const paths = [base, `${base}/${saved.body.id}`, `${base}/${saved.body.id}/compare`];
    for (const path of paths) {
      expect((await olga.client.get(path)).status).toBe(200);
      expect((await stranger.client.get(path)).status).toBe(404);
    }
    expect((await olga.client.post(base, { name: 'mine' })).status).toBe(403);
    expect((await olga.client.post(`${base}/${saved.body.id}/restore`, {})).status).toBe(403);
    expect((await stranger.client.post(base, { name: 'mine' })).status).toBe(404);
    expect((await stranger.client.post(`${base}/${saved.body.id}/restore`, {})).status).toBe(404);
  });

  it('answers a missing name, an unknown version or document with a readable message', async () => {
    const unnamed = await ben.client.post<{ error: string; message: string }>(base, { name: '  ' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.message).toMatch(/name/);
    expect((await ben.client.post(base, { name: 'x'.repeat(121) })).status).toBe(400);
    expect((await ben.client.post(base, { name: 'ok', extra: 1 })).status).toBe(400);
    expect((await ben.client.get(`${base}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await ben.client.get(`${base}/not-a-uuid/compare`)).status).toBe(404);
    expect((await ben.client.get(`/api/groups/${groupId}/documents/no-such-document/commentary/versions`)).status).toBe(404);
  });

  it('keeps a bounded number of versions, each being the whole notebook', async () => {
    const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM commentary_versions WHERE group_id = $1', [groupId]);
    for (let n = rows[0]!.n; n < commentaryLimits.versions; n += 1) {
      await insertCommentaryVersion(server.db, { groupId, documentId, id: randomUUID(), name: `filler ${n}`, state: Y.encodeStateAsUpdate(new Y.Doc()), createdBy: ben.id });
    }
    const refused = await ben.client.post<{ message: string }>(base, { name: 'one too many' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(`A commentary keeps at most ${commentaryLimits.versions} named versions`);
  });
});
