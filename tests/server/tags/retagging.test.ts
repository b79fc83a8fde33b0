/**
 * Renaming, merging and deleting a tag: one request, every live annotation of the seminar on all its
 * documents rewritten, each with its history row, the open rooms and the group's sockets told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/annotations.ts';
import type { Revision } from '../../../shared/history.ts';
import type { TagRecord, TagUsage, TagVocabulary } from '../../../shared/tag-vocabulary.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom, type CommandClient, type RoomClient } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const memoId = 'frus1981-88v41-d97';
const memoText = importedMemo().text;
const telegramSource = '4. Telegram From the Embassy in Moscow to the Department of State1\n\nThe talks [Page 12] resumed in Geneva.2\n\n  1. Source: Department of State.\n  2. Not printed.\n';

describe('retagging a seminar’s annotations', () => {
  let server: TestServer;
  let ana: TestUser; // owner
  let mo: TestUser; // moderator
  let ben: TestUser; // member
  let groupId: string;
  let telegramText: string;
  let rooms: { memo: RoomClient; telegram: RoomClient };
  let benSocket: CommandClient;
  const heard: TagVocabulary[] = [];
  const tagsPath = () => `/api/groups/${groupId}/tags`;
  const tagNamed = async (name: string): Promise<TagRecord> => (await ana.client.get<TagVocabulary>(tagsPath())).body.tags.find((tag) => tag.name === name)!;
  const annotate = async (user: TestUser, document: 'memo' | 'telegram', quote: string, tags: string[]) => {
    const command = createAnnotationCommand({ text: document === 'memo' ? memoText : telegramText, groupId, documentId: document === 'memo' ? memoId : 'telegram-4', quote, tags });
    const result = await user.client.post<CommandResult>('/api/commands', command);
    if (!result.body.ok) throw new Error(`could not annotate: ${result.body.message}`);
    return command.annotationId;
  };
  const tagsOf = async (id: string) => (await server.db.query<{ tags: string[] }>('SELECT tags FROM annotations WHERE id = $1', [id])).rows[0]!.tags;
  const lastRevision = async (id: string) => (await ben.client.get<{ revisions: Revision[] }>(`/api/annotations/${id}/history`)).body.revisions.at(-1)!;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await signUpUser(server.url, 'Admin');
    const imported = await admin.client.post<{ id: string }>('/api/documents', { fileName: 'telegram-4.txt', source: telegramSource });
    if (imported.status !== 201) throw new Error('the telegram was not imported');
    telegramText = (await admin.client.get<{ text: string }>('/api/documents/telegram-4')).body.text;
    ana = await signUpUser(server.url, 'Ana');
    mo = await signUpUser(server.url, 'Mo');
    ben = await signUpUser(server.url, 'Ben');
    groupId = await startSeminar({ name: 'Retagging', owner: ana, documentId: memoId, members: [[mo, 'moderator'], [ben, 'member']] });
    await ana.client.post(`/api/groups/${groupId}/documents`, { documentId: 'telegram-4' });
    rooms = { memo: openRoom(server.url, ben, `group/${groupId}/${memoId}`), telegram: openRoom(server.url, ben, `group/${groupId}/telegram-4`) };
    await Promise.all(Object.values(rooms).map((room) => room.until((r) => r.provider.synced, 'sync')));
    benSocket = await openCommands(server.url, ben);
    benSocket.socket.on('group:tags', (vocabulary) => heard.push(vocabulary));
  });
  afterAll(async () => {
    for (const room of Object.values(rooms ?? {})) room.destroy();
    benSocket?.close();
    await server?.close();
  });

  it('renames a tag in every annotation on every document, with a history row each, seen live', async () => {
    const onMemo = await annotate(ben, 'memo', 'new leadership', ['Gorbachev', 'leadership']);
    const onTelegram = await annotate(ana, 'telegram', 'resumed in Geneva', ['leadership']);
    const untouched = await annotate(ben, 'memo', 'November 1986 to host', ['Moscow']);
    const leadership = await tagNamed('leadership');

    const renamed = await mo.client.patch<TagVocabulary>(`${tagsPath()}/${leadership.id}`, { name: 'Soviet leadership' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.tags.find((tag) => tag.id === leadership.id)).toMatchObject({ name: 'Soviet leadership', colour: leadership.colour });

    expect(await tagsOf(onMemo)).toEqual(['Gorbachev', 'Soviet leadership']);
    expect(await tagsOf(onTelegram)).toEqual(['Soviet leadership']);
    expect(await tagsOf(untouched)).toEqual(['Moscow']);
    for (const [id, before] of [[onMemo, ['Gorbachev', 'leadership']], [onTelegram, ['leadership']]] as const) {
      const { rows } = await server.db.query<{ actor_id: string; before: unknown; after: unknown }>(
        "SELECT actor_id, before, after FROM annotation_events WHERE annotation_id = $1 AND action = 'tagged'",
        [id],
      );
      expect(rows).toEqual([{ actor_id: mo.id, before: { tags: before }, after: { tags: await tagsOf(id) } }]);
      expect(await lastRevision(id)).toMatchObject({ action: 'tagged', actor: { id: mo.id, name: 'Mo' }, tags: await tagsOf(id) });
    }
    const { rows } = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM annotation_events WHERE annotation_id = $1 AND action = 'tagged'", [untouched]);
    expect(rows[0]!.n).toBe(0);

    await rooms.memo.until((room) => room.annotations().get(onMemo)?.tags.includes('Soviet leadership') ?? false, 'the memo’s room renamed');
    await rooms.telegram.until((room) => room.annotations().get(onTelegram)?.tags[0] === 'Soviet leadership', 'the telegram’s room renamed');
    await rooms.memo.until(() => heard.some((vocabulary) => vocabulary.tags.some((tag) => tag.name === 'Soviet leadership')), 'the new vocabulary on the socket');
    expect(heard.at(-1)).toMatchObject({ groupId, isLocked: false });
  });

  it('changes only the case of a name when asked, and refuses a name another tag has', async () => {
    const moscow = await tagNamed('Moscow');
    const gorbachev = await tagNamed('Gorbachev');
    expect((await mo.client.patch(`${tagsPath()}/${moscow.id}`, { name: 'gorbachev' })).body).toMatchObject({ error: 'tag_name_taken' });
    const recased = await mo.client.patch<TagVocabulary>(`${tagsPath()}/${moscow.id}`, { name: 'MOSCOW' });
    expect(recased.body.tags.map((tag) => tag.name)).toContain('MOSCOW');
    expect((await tagNamed('Gorbachev')).id).toBe(gorbachev.id);
  });

  it('merges one tag into another: one tag each, the merged one gone from the vocabulary', async () => {
    const both = await annotate(ben, 'memo', 'Human Rights', ['Helsinki Final Act', 'CSCE']);
    const only = await annotate(mo, 'telegram', 'The talks', ['Helsinki Final Act']);
    const from = await tagNamed('Helsinki Final Act');
    const into = await tagNamed('CSCE');
    expect((await mo.client.post(`${tagsPath()}/${from.id}/merge`, { into: from.id })).status).toBe(400);

    const merged = await ana.client.post<TagVocabulary>(`${tagsPath()}/${from.id}/merge`, { into: into.id });
    expect(merged.status).toBe(200);
    expect(merged.body.tags.map((tag) => tag.name)).not.toContain('Helsinki Final Act');
    expect(await tagsOf(both)).toEqual(['CSCE']);
    expect(await tagsOf(only)).toEqual(['CSCE']);
    expect(await lastRevision(both)).toMatchObject({ action: 'tagged', actor: { id: ana.id }, tags: ['CSCE'] });
    expect(await lastRevision(only)).toMatchObject({ action: 'tagged', actor: { id: ana.id }, tags: ['CSCE'] });
    await rooms.telegram.until((room) => room.annotations().get(only)?.tags[0] === 'CSCE', 'the merge in the telegram’s room');
  });

  it('deletes a tag from the vocabulary and from the annotations that carry it', async () => {
    const tagged = await annotate(ben, 'memo', 'new leadership', ['Gorbachev', 'draft']);
    const draft = await tagNamed('draft');
    const deleted = await mo.client.delete<TagVocabulary>(`${tagsPath()}/${draft.id}`);
    expect(deleted.body.tags.map((tag) => tag.name)).not.toContain('draft');
    expect(await tagsOf(tagged)).toEqual(['Gorbachev']);
    expect(await lastRevision(tagged)).toMatchObject({ action: 'tagged', actor: { id: mo.id }, tags: ['Gorbachev'] });
    await rooms.memo.until((room) => room.annotations().get(tagged)?.tags.join() === 'Gorbachev', 'the deletion in the memo’s room');
  });

  it('counts each tag’s live annotations in all, and by member', async () => {
    const removed = await annotate(ben, 'memo', 'November 1986 to host', ['Gorbachev']);
    await ben.client.post('/api/commands', { type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: removed });
    const usage = (await ben.client.get<TagUsage[]>(`${tagsPath()}/usage`)).body;
    const byName = Object.fromEntries(usage.map((entry) => [entry.name, entry]));
    // Gorbachev: Ben's two live annotations (the first, and the one that lost "draft"); the deleted one is not counted.
    expect(byName.Gorbachev).toEqual({ name: 'Gorbachev', count: 2, byMember: [{ userId: ben.id, name: 'Ben', count: 2 }] });
    expect(byName['Soviet leadership']).toEqual({
      name: 'Soviet leadership',
      count: 2,
      byMember: [
        { userId: ana.id, name: 'Ana', count: 1 },
        { userId: ben.id, name: 'Ben', count: 1 },
      ],
    });
    expect(byName.CSCE).toMatchObject({ count: 2 });
    expect(usage[0]!.count).toBeGreaterThanOrEqual(usage.at(-1)!.count);
  });
});
