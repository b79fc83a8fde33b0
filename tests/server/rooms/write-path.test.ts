import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../shared/annotations.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom, type CommandClient, type RoomClient } from '../../helpers/room-client.ts';
import { describeRange } from '../../../shared/selectors.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('commands in, state out: two members and an observer in one room', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let olga: TestUser; // observer
  let groupId: string;
  let rooms: Record<'ana' | 'ben' | 'olga', RoomClient>;
  let commands: Record<'ana' | 'ben' | 'olga', CommandClient>;
  const create = (options: Partial<Parameters<typeof createAnnotationCommand>[0]> & { quote: string }) =>
    createAnnotationCommand({ text, groupId, documentId, ...options });
  const everyoneSees = (what: string, test: (client: RoomClient) => boolean) =>
    Promise.all(Object.values(rooms).map((room) => room.until(test, what)));

  beforeAll(async () => {
    server = await startTestServer();
    await signUpUser(server.url, 'Admin');
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    olga = await signUpUser(server.url, 'Olga');
    groupId = await startSeminar({ name: 'Write path', owner: ana, documentId, members: [[ben, 'member'], [olga, 'observer']] });
    const roomName = `group/${groupId}/${documentId}`;
    rooms = { ana: openRoom(server.url, ana, roomName), ben: openRoom(server.url, ben, roomName), olga: openRoom(server.url, olga, roomName) };
    await Promise.all(Object.values(rooms).map((room) => room.until((r) => r.provider.synced, 'sync')));
    commands = { ana: await openCommands(server.url, ana), ben: await openCommands(server.url, ben), olga: await openCommands(server.url, olga) };
  });
  afterAll(async () => {
    for (const room of Object.values(rooms ?? {})) room.destroy();
    for (const client of Object.values(commands ?? {})) client.close();
    await server?.close();
  });

  it('acknowledges after the commit and shows the record to everyone in the room', async () => {
    const command = create({ quote: 'new leadership', body: 'Gorbachev, from March 1985.', tags: ['leadership', 'Gorbachev'] });
    const result = await commands.ana.send(command);
    expect(result).toMatchObject({ ok: true, annotation: { id: command.annotationId, authorId: ana.id, authorName: 'Ana', body: 'Gorbachev, from March 1985.' } });
    // Acknowledged means committed: the row and its event are there.
    const rows = await server.db.query<{ body: string }>('SELECT body FROM annotations WHERE id = $1', [command.annotationId]);
    expect(rows.rows).toEqual([{ body: 'Gorbachev, from March 1985.' }]);
    const events = await server.db.query<{ action: string; actor_id: string }>('SELECT action, actor_id FROM annotation_events WHERE annotation_id = $1', [command.annotationId]);
    expect(events.rows).toEqual([{ action: 'created', actor_id: ana.id }]);

    await everyoneSees('Ana’s annotation', (room) => room.annotations().get(command.annotationId)?.body === 'Gorbachev, from March 1985.');
    const seen = rooms.olga.annotations().get(command.annotationId)!;
    expect(seen).toMatchObject({ kind: 'comment', tags: ['leadership', 'Gorbachev'], status: 'open', selectors: command.selectors });
  });

  it('applies a command sent twice once, and answers the same', async () => {
    const command = create({ quote: 'November 1986 to host', body: 'See footnote 2.' });
    const first = await commands.ben.send(command);
    const second = await commands.ben.send(command);
    expect(second).toEqual(first);
    const rows = await server.db.query('SELECT id FROM annotations WHERE id = $1', [command.annotationId]);
    expect(rows.rows).toHaveLength(1);
    // A retried delete finds nothing left to delete, and still answers what it answered.
    const remove = { type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: command.annotationId };
    const removed = await commands.ben.send(remove);
    expect(removed).toMatchObject({ ok: true, annotation: { isDeleted: true } });
    expect(await commands.ben.send(remove)).toEqual(removed);
    const events = await server.db.query("SELECT count(*)::int AS n FROM annotation_events WHERE annotation_id = $1 AND action = 'deleted'", [command.annotationId]);
    expect(events.rows).toEqual([{ n: 1 }]);
  });

  it('threads replies, edits, tags, resolves, and each change reaches every reader', async () => {
    const question = create({ quote: 'Radio jamming must cease', kind: 'question', body: 'Did it?' });
    await commands.ana.send(question);
    const replyId = crypto.randomUUID();
    expect(await commands.ben.send({ type: 'reply.create', commandId: crypto.randomUUID(), replyId, annotationId: question.annotationId, body: 'Yes, in 1988.' })).toMatchObject({ ok: true });
    const nestedId = crypto.randomUUID();
    await commands.ana.send({ type: 'reply.create', commandId: crypto.randomUUID(), replyId: nestedId, annotationId: question.annotationId, parentId: replyId, body: 'Source?' });
    await commands.ana.send({ type: 'annotation.edit', commandId: crypto.randomUUID(), annotationId: question.annotationId, body: 'Did jamming stop?' });
    await commands.ana.send({ type: 'annotation.tag', commandId: crypto.randomUUID(), annotationId: question.annotationId, tags: ['radio'] });
    await commands.ana.send({ type: 'annotation.resolve', commandId: crypto.randomUUID(), annotationId: question.annotationId });
    await everyoneSees('the thread', (room) => {
      const annotation = room.annotations().get(question.annotationId);
      return annotation?.status === 'resolved' && annotation.body === 'Did jamming stop?' && annotation.tags[0] === 'radio' && room.replies().get(nestedId)?.parentId === replyId;
    });
    const actions = await server.db.query<{ action: string }>('SELECT action FROM annotation_events WHERE annotation_id = $1 ORDER BY id', [question.annotationId]);
    expect(actions.rows.map((row) => row.action)).toEqual(['created', 'created', 'created', 'edited', 'tagged', 'resolved']);
  });

  it('sends hidden records without their body, and keeps a deleted one with replies as a placeholder', async () => {
    const remark = create({ quote: 'is obscene', body: 'Strong words.' });
    await commands.ben.send(remark);
    expect(await commands.ana.send({ type: 'annotation.hide', commandId: crypto.randomUUID(), annotationId: remark.annotationId })).toMatchObject({
      ok: true,
      annotation: { isHidden: true, body: 'Strong words.' }, // the moderator who hid it still reads it
    });
    await everyoneSees('the hidden remark', (room) => room.annotations().get(remark.annotationId)?.isHidden === true);
    expect(rooms.olga.annotations().get(remark.annotationId)?.body).toBeNull();
    const asAuthor = await ben.client.get<{ annotation: AnnotationRecord }>(`/api/annotations/${remark.annotationId}`);
    expect(asAuthor.body.annotation.body).toBe('Strong words.');
    const asObserver = await olga.client.get<{ annotation: AnnotationRecord }>(`/api/annotations/${remark.annotationId}`);
    expect(asObserver.body.annotation.body).toBeNull();

    const lonely = create({ quote: 'Emigration must be freed up', body: 'Deleted soon.' });
    await commands.ben.send(lonely);
    const answered = create({ quote: 'Radio jamming, even of RFE/RL', body: 'Answered soon.' });
    await commands.ben.send(answered);
    await commands.ana.send({ type: 'reply.create', commandId: crypto.randomUUID(), replyId: crypto.randomUUID(), annotationId: answered.annotationId, body: 'An answer.' });
    await everyoneSees('both', (room) => room.annotations().has(lonely.annotationId) && room.annotations().has(answered.annotationId));
    await commands.ben.send({ type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: lonely.annotationId });
    await commands.ben.send({ type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: answered.annotationId });
    await everyoneSees('the deletions', (room) => !room.annotations().has(lonely.annotationId) && room.annotations().get(answered.annotationId)?.isDeleted === true);
    expect(rooms.ana.annotations().get(answered.annotationId)).toMatchObject({ body: null, isDeleted: true });
  });

  it('lets an observer read everything and write nothing', async () => {
    const refused = await commands.olga.send(create({ quote: 'Emigration he can do also', body: 'Observer speaking.' }));
    expect(refused).toMatchObject({ ok: false, error: 'forbidden', status: 403 });
    expect(rooms.olga.annotations().size).toBeGreaterThan(0);
  });

  it('marks an edit of the words, not of the status, and lets an author re-attach an annotation elsewhere', async () => {
    const note = create({ quote: 'Most likely, the Soviets will eventually agree', body: 'Prediction.' });
    await commands.ben.send(note);
    await commands.ben.send({ type: 'annotation.resolve', commandId: crypto.randomUUID(), annotationId: note.annotationId });
    await everyoneSees('the resolved note', (room) => room.annotations().get(note.annotationId)?.status === 'resolved');
    expect(rooms.ana.annotations().get(note.annotationId)?.editedAt).toBeNull();
    await commands.ben.send({ type: 'annotation.edit', commandId: crypto.randomUUID(), annotationId: note.annotationId, body: 'A prediction.' });
    await everyoneSees('the edit', (room) => typeof room.annotations().get(note.annotationId)?.editedAt === 'string');

    const elsewhere = createAnnotationCommand({ text, quote: 'the West then will predictably find it hard', groupId, documentId });
    const reanchor = { type: 'annotation.reanchor', commandId: crypto.randomUUID(), annotationId: note.annotationId, selectors: elsewhere.selectors };
    expect(await commands.ana.send({ ...reanchor, commandId: crypto.randomUUID() })).toMatchObject({ ok: false, error: 'forbidden' });
    const selectors = elsewhere.selectors as ReturnType<typeof describeRange>;
    const wrong = { ...selectors, quote: { ...selectors.quote, exact: 'x'.repeat(selectors.quote.exact.length) } };
    expect(await commands.ben.send({ ...reanchor, commandId: crypto.randomUUID(), selectors: wrong })).toMatchObject({ ok: false });
    expect(await commands.ben.send(reanchor)).toMatchObject({ ok: true });
    await everyoneSees('the new place', (room) => room.annotations().get(note.annotationId)?.selectors.quote.exact === 'the West then will predictably find it hard');
    const actions = await server.db.query<{ action: string }>('SELECT action FROM annotation_events WHERE annotation_id = $1 ORDER BY id', [note.annotationId]);
    expect(actions.rows.map((row) => row.action)).toEqual(['created', 'resolved', 'edited', 'reanchored']);
  });
});
