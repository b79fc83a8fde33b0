import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityItem, NotificationRecord } from '../../../shared/notifications.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, type CommandClient } from '../../helpers/room-client.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;
type Inbox = { notifications: NotificationRecord[]; unread: number };

describe('notifications and activity', () => {
  let server: TestServer;
  let ana: TestUser; // owner
  let ben: TestUser; // member
  let cleo: TestUser; // member
  let mona: TestUser; // moderator
  let groupId: string;
  const sockets: Record<string, CommandClient> = {};
  const received: Record<string, Array<{ notification: NotificationRecord; unread: number }>> = {};
  const activity: ActivityItem[] = [];
  const mention = (user: TestUser) => `[@${user.name}](mention:${user.id})`;
  const send = async (name: string, command: Record<string, unknown>) => {
    const result = await sockets[name]!.send({ commandId: randomUUID(), ...command });
    if (!result.ok) throw new Error(result.message);
    return result;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
  const inbox = async (user: TestUser) => (await user.client.get<Inbox>('/api/notifications')).body;

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    cleo = await signUpUser(server.url, 'Cleo');
    mona = await signUpUser(server.url, 'Mona');
    groupId = await startSeminar({ name: 'Notices', owner: ana, documentId, members: [[ben, 'member'], [cleo, 'member'], [mona, 'moderator']] });
    for (const [name, user] of Object.entries({ ana, ben, cleo, mona })) {
      sockets[name] = await openCommands(server.url, user);
      received[name] = [];
      sockets[name]!.socket.on('notification', (event) => received[name]!.push(event));
    }
    sockets.cleo!.socket.on('activity', (items) => activity.push(...items));
    await settle();
  });
  afterAll(async () => {
    for (const socket of Object.values(sockets)) socket.close();
    await server?.close();
  });

  it('notifies the author of a reply, and the author of the reply answered, never the replier', async () => {
    const annotation = createAnnotationCommand({ text, quote: 'new leadership', groupId, documentId, body: 'Gorbachev.' });
    await send('ben', annotation);
    const first = randomUUID();
    await send('cleo', { type: 'reply.create', replyId: first, annotationId: annotation.annotationId, body: 'Since March 1985.' });
    await send('ana', { type: 'reply.create', replyId: randomUUID(), annotationId: annotation.annotationId, parentId: first, body: 'Source?' });
    await send('ben', { type: 'reply.create', replyId: randomUUID(), annotationId: annotation.annotationId, body: 'My own thread.' });
    await settle();
    expect(received.ben!.map((event) => [event.notification.kind, event.notification.actor.name])).toEqual([
      ['reply', 'Cleo'],
      ['reply', 'Ana'],
    ]);
    expect(received.cleo!.map((event) => [event.notification.kind, event.notification.actor.name])).toEqual([['reply', 'Ana']]);
    expect(received.ana).toEqual([]);
    expect(received.ben!.at(-1)!.unread).toBe(2);
    expect(received.ben![0]!.notification.excerpt).toBe('Since March 1985.');
  });

  it('notifies mentioned members once, not the author, not outsiders, and not again on a later edit', async () => {
    const outsider = await signUpUser(server.url, 'Outsider');
    const note = createAnnotationCommand({
      text,
      quote: 'Radio jamming must cease',
      groupId,
      documentId,
      body: `Ask ${mention(mona)} and ${mention(outsider)} — and ${mention(ben)}.`,
    });
    await send('ben', note);
    await send('ben', { type: 'annotation.edit', annotationId: note.annotationId, body: `Ask ${mention(mona)} and ${mention(cleo)}.` });
    await settle();
    expect(received.mona!.map((event) => event.notification.kind)).toEqual(['mention']);
    expect(received.cleo!.at(-1)!.notification).toMatchObject({ kind: 'mention', annotationId: note.annotationId });
    expect((await inbox(outsider)).notifications).toEqual([]);
  });

  it('tells an author when a moderator hides their annotation', async () => {
    const remark = createAnnotationCommand({ text, quote: 'is obscene', groupId, documentId, body: 'Strong words.' });
    await send('cleo', remark);
    await send('mona', { type: 'annotation.hide', annotationId: remark.annotationId });
    await settle();
    expect(received.cleo!.at(-1)!.notification).toMatchObject({ kind: 'hidden', actor: { name: 'Mona' }, excerpt: 'is obscene' });
  });

  it('notifies nobody of private notes', async () => {
    const before = Object.values(received).reduce((sum, list) => sum + list.length, 0);
    await send('ben', { ...createAnnotationCommand({ text, quote: 'Emigration must be freed up', groupId: null, documentId, body: `Note to self, ${mention(ana)}` }) });
    await settle();
    expect(Object.values(received).reduce((sum, list) => sum + list.length, 0)).toBe(before);
  });

  it('keeps the inbox in PostgreSQL: unread counts, mark read, mark all read, gone with the group', async () => {
    const benInbox = await inbox(ben);
    expect(benInbox.unread).toBe(2);
    expect(benInbox.notifications.map((notification) => notification.actor.name)).toEqual(['Ana', 'Cleo']);
    expect((await ben.client.post(`/api/notifications/${benInbox.notifications[0]!.id}/read`)).status).toBe(204);
    expect((await inbox(ben)).unread).toBe(1);
    // Another person's notification is not theirs to mark.
    expect((await cleo.client.post(`/api/notifications/${benInbox.notifications[1]!.id}/read`)).status).toBe(404);
    expect((await ben.client.post('/api/notifications/read-all')).status).toBe(204);
    expect((await inbox(ben)).unread).toBe(0);

    expect((await inbox(cleo)).notifications.length).toBeGreaterThan(0);
    await cleo.client.delete(`/api/groups/${groupId}/members/${cleo.id}`);
    expect(await inbox(cleo)).toMatchObject({ notifications: [], unread: 0 });
  });

  it('feeds the group’s activity live, with the passage and its place', () => {
    expect(activity.length).toBeGreaterThanOrEqual(6);
    expect(activity[0]).toMatchObject({ action: 'created', isReply: false, actor: { name: 'Ben' }, quote: 'new leadership', offset: text.indexOf('new leadership') });
    expect(activity.some((item) => item.isReply && item.actor.name === 'Cleo')).toBe(true);
    expect(activity.every((item) => item.groupId === groupId)).toBe(true);
  });

  it('tells the group of commands committed close together in one message, not one each', async () => {
    const messages: ActivityItem[][] = [];
    const listen = (items: ActivityItem[]) => messages.push(items);
    sockets.mona!.socket.on('activity', listen);
    const annotationIds: string[] = [];
    // One after the other: three batches, committed within the server's short activity window.
    for (const [name, quote] of [['ana', 'Helsinki'], ['ben', 'dissidents'], ['mona', 'Moscow']] as const) {
      const command = createAnnotationCommand({ text, quote, groupId, documentId, body: `${name} was here` });
      await send(name, command);
      annotationIds.push(command.annotationId);
    }
    const deadline = Date.now() + 5_000;
    while (messages.flat().length < 3 && Date.now() < deadline) await settle();
    sockets.mona!.socket.off('activity', listen);
    expect(messages.flat().map((item) => item.annotationId)).toEqual(annotationIds);
    // A slow machine may cut the window once; a message per command is what must not happen.
    expect(messages.length).toBeLessThan(3);
  });
});
