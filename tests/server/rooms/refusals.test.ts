/**
 * Nobody writes what is not theirs: each hand-made attempt is refused, changes nothing in the
 * database, reaches no other client, and the same clients' valid commands keep working.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { GroupRecord } from '../../../shared/accounts.ts';
import type { CommandResult } from '../../../shared/annotations.ts';
import { closeCodes } from '../../../shared/rooms.ts';
import { describeRange } from '../../../shared/selectors.ts';
import { insertMembership } from '../../../server/repos/groups.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom, type CommandClient, type RoomClient } from '../../helpers/room-client.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('refusals', () => {
  let server: TestServer;
  let ana: TestUser; // owner
  let ben: TestUser; // member
  let mona: TestUser; // moderator
  let olga: TestUser; // observer
  let stranger: TestUser;
  let groupId: string;
  let otherGroupId: string;
  let roomName: string;
  let watcher: RoomClient;
  const clients: Record<string, CommandClient> = {};
  let anaAnnotation: string;
  let anaReply: string;
  let benPrivate: string;

  const create = (quote: string, extra: Record<string, unknown> = {}) => ({ ...createAnnotationCommand({ text, quote, groupId, documentId }), ...extra });
  const id = () => randomUUID();

  async function dbState(): Promise<string> {
    const annotations = await server.db.query('SELECT id, body, tags, status, is_hidden, deleted_at, author_id FROM annotations ORDER BY id');
    const replies = await server.db.query('SELECT id, body, is_hidden, deleted_at FROM replies ORDER BY id');
    const events = await server.db.query('SELECT count(*)::int AS n FROM annotation_events');
    return JSON.stringify([annotations.rows, replies.rows, events.rows]);
  }

  /** Sends a command that must be refused; asserts nothing changed in PostgreSQL. */
  async function expectRefused(client: CommandClient, command: Record<string, unknown>, error: string | RegExp): Promise<CommandResult> {
    const before = await dbState();
    const result = await client.send(command);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
    expect(await dbState()).toBe(before);
    return result;
  }

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    mona = await signUpUser(server.url, 'Mona');
    olga = await signUpUser(server.url, 'Olga');
    stranger = await signUpUser(server.url, 'Stranger');
    groupId = (await ana.client.post<GroupRecord>('/api/groups', { name: 'Refusals' })).body.id;
    otherGroupId = (await stranger.client.post<GroupRecord>('/api/groups', { name: 'Elsewhere' })).body.id;
    await ana.client.post(`/api/groups/${groupId}/documents`, { documentId });
    await stranger.client.post(`/api/groups/${otherGroupId}/documents`, { documentId });
    await insertMembership(server.db, { groupId, userId: ben.id, role: 'member' });
    await insertMembership(server.db, { groupId, userId: mona.id, role: 'moderator' });
    await insertMembership(server.db, { groupId, userId: olga.id, role: 'observer' });
    for (const [name, user] of Object.entries({ ana, ben, mona, olga, stranger })) clients[name] = await openCommands(server.url, user);

    const annotation = create('new leadership', { body: 'Ana wrote this.' });
    anaAnnotation = annotation.annotationId;
    await clients.ana!.send(annotation);
    anaReply = id();
    await clients.ana!.send({ type: 'reply.create', commandId: id(), replyId: anaReply, annotationId: anaAnnotation, body: 'Ana replies.' });
    const note = createAnnotationCommand({ text, quote: 'Radio jamming must cease', groupId: null, documentId, body: 'Ben’s private note.' });
    benPrivate = note.annotationId;
    expect(await clients.ben!.send(note)).toMatchObject({ ok: true, annotation: { visibility: 'private', groupId: null } });

    roomName = `group/${groupId}/${documentId}`;
    watcher = openRoom(server.url, olga, roomName);
    await watcher.until((room) => room.annotations().has(anaAnnotation), 'the first annotation');
  });
  afterAll(async () => {
    watcher?.destroy();
    for (const client of Object.values(clients)) client.close();
    await server?.close();
  });

  it('refuses a member editing, tagging or deleting another member’s annotation or reply', async () => {
    await expectRefused(clients.ben!, { type: 'annotation.edit', commandId: id(), annotationId: anaAnnotation, body: 'Ben rewrites Ana.' }, 'forbidden');
    await expectRefused(clients.ben!, { type: 'annotation.tag', commandId: id(), annotationId: anaAnnotation, tags: ['vandal'] }, 'forbidden');
    await expectRefused(clients.ben!, { type: 'annotation.delete', commandId: id(), annotationId: anaAnnotation }, 'forbidden');
    await expectRefused(clients.ben!, { type: 'reply.edit', commandId: id(), replyId: anaReply, body: 'Ben rewrites the reply.' }, 'forbidden');
    await expectRefused(clients.ben!, { type: 'reply.delete', commandId: id(), replyId: anaReply }, 'forbidden');
  });

  it('refuses a command that names an author, or reuses another person’s command id', async () => {
    await expectRefused(clients.ben!, { ...create('Emigration must be freed up'), authorId: ana.id }, 'invalid_command');
    const used = create('Radio jamming, even of RFE/RL');
    expect((await clients.ana!.send(used)).ok).toBe(true);
    await expectRefused(clients.ben!, { ...create('Most likely, the Soviets'), commandId: used.commandId }, 'conflict');
  });

  it('refuses a moderator changing someone else’s words, but lets them hide, unhide and resolve', async () => {
    await expectRefused(clients.mona!, { type: 'annotation.edit', commandId: id(), annotationId: anaAnnotation, body: 'Moderated.' }, 'forbidden');
    await expectRefused(clients.mona!, { type: 'reply.edit', commandId: id(), replyId: anaReply, body: 'Moderated.' }, 'forbidden');
    await expectRefused(clients.ben!, { type: 'annotation.hide', commandId: id(), annotationId: anaAnnotation }, 'forbidden');
    for (const type of ['annotation.hide', 'annotation.unhide', 'annotation.resolve', 'annotation.reopen']) {
      expect(await clients.mona!.send({ type, commandId: id(), annotationId: anaAnnotation })).toMatchObject({ ok: true });
    }
    expect(await clients.mona!.send({ type: 'reply.hide', commandId: id(), replyId: anaReply })).toMatchObject({ ok: true });
  });

  it('refuses an observer every write', async () => {
    await expectRefused(clients.olga!, create('It confers an extraordinary legitimacy'), 'forbidden');
    await expectRefused(clients.olga!, { type: 'reply.create', commandId: id(), replyId: id(), annotationId: anaAnnotation, body: 'Observer.' }, 'forbidden');
    await expectRefused(clients.olga!, { type: 'annotation.resolve', commandId: id(), annotationId: anaAnnotation }, 'forbidden');
  });

  it('refuses writing into another person’s private notes, a group one is not in, or a document the group does not hold', async () => {
    await expectRefused(clients.ana!, { type: 'annotation.edit', commandId: id(), annotationId: benPrivate, body: 'Ana reads Ben’s notes.' }, 'annotation_not_found');
    await expectRefused(clients.ana!, { type: 'reply.create', commandId: id(), replyId: id(), annotationId: benPrivate, body: 'Hello.' }, 'annotation_not_found');
    await expectRefused(clients.stranger!, create('the cost to the West'), 'not_found');
    await expectRefused(clients.stranger!, { type: 'annotation.resolve', commandId: id(), annotationId: anaAnnotation }, 'annotation_not_found');
    await server.db.query('DELETE FROM group_documents WHERE group_id = $1', [otherGroupId]);
    await expectRefused(clients.stranger!, createAnnotationCommand({ text, quote: 'Warren Zimmermann', groupId: otherGroupId, documentId }), 'forbidden');
  });

  it('refuses records that fail the shared schema or disagree with the text', async () => {
    const good = create('the Leninist dictatorship of the East');
    const selectors = good.selectors as ReturnType<typeof describeRange>;
    const beyond = { ...selectors, position: { ...selectors.position, start: text.length + 5, end: text.length + 5 + selectors.quote.exact.length } };
    await expectRefused(clients.ben!, { ...good, selectors: beyond }, 'selectors_mismatch');
    const wrongQuote = { ...selectors, quote: { ...selectors.quote, exact: 'the Leninist dictatorship of the West' } };
    await expectRefused(clients.ben!, { ...good, selectors: wrongQuote }, 'selectors_mismatch');
    await expectRefused(clients.ben!, { ...good, selectors: { ...selectors, position: { ...selectors.position, end: selectors.position.end + 1 } } }, 'invalid_command');
    await expectRefused(clients.ben!, { ...good, kind: 'rant' }, 'invalid_command');
    await expectRefused(clients.ben!, { ...good, body: 42 }, 'invalid_command');
    await expectRefused(clients.ben!, { ...good, body: 'x'.repeat(20_001) }, 'invalid_command');
    await expectRefused(clients.ben!, { ...good, tags: ['x'.repeat(61)] }, 'invalid_command');
    await expectRefused(clients.ben!, { ...good, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'invalid_command');
    await expectRefused(clients.ben!, { ...good, commandId: 'not-a-uuid' }, 'invalid_command');
    await expectRefused(clients.ben!, 'not even an object' as unknown as Record<string, unknown>, 'invalid_command');
    await expectRefused(clients.ben!, { ...good, kind: 'comment', body: '   ' }, 'bad_request');
  });

  it('let none of the refused commands reach a reader, and keeps the clients working', async () => {
    const marker = create('I talked to Warren Zimmermann', { body: 'Still working.' });
    expect(await clients.ben!.send(marker)).toMatchObject({ ok: true });
    await watcher.until((room) => room.annotations().has(marker.annotationId), 'the marker');
    const bodies = [...watcher.annotations().values()].map((annotation) => annotation.body);
    expect(bodies).not.toContain('Ben rewrites Ana.');
    expect(bodies).not.toContain('Moderated.');
    expect(bodies).not.toContain('Observer speaking.');
    expect([...watcher.annotations().values()].every((annotation) => annotation.authorId !== olga.id && annotation.authorId !== stranger.id)).toBe(true);
    expect(watcher.annotations().has(benPrivate)).toBe(false);
    expect([...watcher.replies().values()].map((reply) => reply.body)).not.toContain('Ben rewrites the reply.');
  });
});

describe('refusals on the Yjs rooms', () => {
  let server: TestServer;
  let ana: TestUser;
  let stranger: TestUser;
  let groupId: string;

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana');
    stranger = await signUpUser(server.url, 'Stranger');
    groupId = (await ana.client.post<GroupRecord>('/api/groups', { name: 'Rooms' })).body.id;
    await ana.client.post(`/api/groups/${groupId}/documents`, { documentId });
  });
  afterAll(() => server?.close());

  /** The HTTP status of a refused upgrade, or 101 when it was accepted. */
  function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, { headers });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('upgrade', () => {
        resolve(101);
        ws.close();
      });
      ws.on('error', (error) => reject(error));
    });
  }

  it('refuses the handshake without a session, from another site, and to rooms not granted', async () => {
    const room = `/yjs/group/${groupId}/${documentId}`;
    expect(await upgradeStatus(room, {})).toBe(401);
    expect(await upgradeStatus(room, { cookie: 'marginalia_session=forged' })).toBe(401);
    expect(await upgradeStatus(room, { cookie: ana.client.cookie!, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(room, { cookie: stranger.client.cookie! })).toBe(403);
    expect(await upgradeStatus(`/yjs/private/${ana.id}/${documentId}`, { cookie: stranger.client.cookie! })).toBe(403);
    expect(await upgradeStatus(`/yjs/group/${groupId}/no-such-document`, { cookie: ana.client.cookie! })).toBe(403);
    expect(await upgradeStatus('/yjs/nonsense', { cookie: ana.client.cookie! })).toBe(403);
    expect(await upgradeStatus(room, { cookie: ana.client.cookie!, origin: server.url })).toBe(101);
    expect(await upgradeStatus(`/yjs/private/${stranger.id}/${documentId}`, { cookie: stranger.client.cookie! })).toBe(101);
  });

  it('closes a connection that sends a Yjs update, with the read-only code, and changes nothing', async () => {
    const room = openRoom(server.url, ana, `group/${groupId}/${documentId}`);
    await room.until((r) => r.provider.synced, 'sync');
    const before = await server.db.query('SELECT count(*)::int AS n FROM annotations');
    const reader = openRoom(server.url, ana, `group/${groupId}/${documentId}`);
    await reader.until((r) => r.provider.synced, 'sync');
    room.doc.getMap('annotations').set('forged', { body: 'written by a client' });
    expect(await room.closed).toBe(closeCodes.readOnly.code);
    expect((await server.db.query('SELECT count(*)::int AS n FROM annotations')).rows).toEqual(before.rows);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reader.annotations().has('forged')).toBe(false);
    room.destroy();
    reader.destroy();
  });

  /** A raw connection to the room: the messages it receives, and its close code. */
  function rawConnection(): Promise<{ ws: WebSocket; closed: Promise<number> }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/group/${groupId}/${documentId}`, { headers: { cookie: ana.client.cookie! } });
      const closed = new Promise<number>((onClose) => ws.on('close', (code) => onClose(code)));
      ws.on('open', () => resolve({ ws, closed }));
      ws.on('error', reject);
    });
  }

  /** An awareness message for `clientId`, its clock advanced by `renewals` changes. */
  function awarenessMessage(clientId: number, state: object, renewals = 1): Uint8Array {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const awareness = new Awareness(doc);
    for (let i = 0; i < renewals; i += 1) awareness.setLocalState({ ...state, i });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [clientId]));
    awareness.destroy();
    return encoding.toUint8Array(encoder);
  }

  it('closes a connection whose awareness sets another connection’s entry', async () => {
    const first = await rawConnection();
    first.ws.send(awarenessMessage(111, { user: { name: 'Ana' } }));
    const second = await rawConnection();
    second.ws.send(awarenessMessage(222, { user: { name: 'Ana, tab 2' } }));
    // An echo of Ana's entry at the clock the room has is harmless (the official provider sends them)…
    second.ws.send(awarenessMessage(111, { user: { name: 'Ana' } }));
    // …a newer clock for it speaks for her, and is refused.
    second.ws.send(awarenessMessage(111, { user: { name: 'Impostor' } }, 5));
    expect(await second.closed).toBe(closeCodes.foreignAwareness.code);
    first.ws.close();
  });

  it('keeps official providers with presence on connected, each seeing the other', async () => {
    const roomName = `group/${groupId}/${documentId}`;
    const [one, two] = [openRoom(server.url, ana, roomName), openRoom(server.url, ana, roomName)];
    one.provider.awareness.setLocalStateField('user', { name: 'Ana, tab 1' });
    two.provider.awareness.setLocalStateField('user', { name: 'Ana, tab 2' });
    const seesOther = (client: RoomClient, other: RoomClient) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (client.provider.awareness.getStates().has(other.doc.clientID)) resolve();
        };
        client.provider.awareness.on('change', check);
        check();
      });
    await Promise.all([seesOther(one, two), seesOther(two, one)]);
    for (let i = 0; i < 5; i += 1) {
      one.provider.awareness.setLocalStateField('selection', { start: i, end: i + 3 });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(one.provider.wsconnected && two.provider.wsconnected).toBe(true);
    expect((two.provider.awareness.getStates().get(one.doc.clientID) as { selection?: { start: number } }).selection?.start).toBe(4);
    one.destroy();
    two.destroy();
  });

  it('keeps an official provider connected in a crowded room, though its echo of everyone is large', async () => {
    // Twenty present members with large (but allowed) states: the room's presence is over 64 KiB.
    const crowd = await Promise.all(Array.from({ length: 20 }, () => rawConnection()));
    crowd.forEach(({ ws }, i) => ws.send(awarenessMessage(5000 + i, { user: { name: `Member ${i}` }, note: 'x'.repeat(4000) })));
    const roomName = `group/${groupId}/${documentId}`;
    const [newcomer, watcher] = [openRoom(server.url, ana, roomName), openRoom(server.url, ana, roomName)];
    const sees = (client: RoomClient, test: (states: Map<number, unknown>) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (test(client.provider.awareness.getStates())) resolve();
        };
        client.provider.awareness.on('change', check);
        check();
      });
    // The newcomer learns of all twenty and, as the provider does, sends them all back.
    await sees(newcomer, (states) => [...states.keys()].filter((id) => id >= 5000 && id < 5020).length === 20);
    newcomer.provider.awareness.setLocalStateField('user', { name: 'Newcomer' });
    await sees(watcher, (states) => (states.get(newcomer.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Newcomer');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(newcomer.provider.wsconnected).toBe(true);
    newcomer.destroy();
    watcher.destroy();
    for (const { ws } of crowd) ws.close();
  });

  it('closes a connection whose awareness names more entries than the room has', async () => {
    const raw = await rawConnection();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // awareness
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 100_000);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
    raw.ws.send(encoding.toUint8Array(encoder));
    expect(await raw.closed).toBe(closeCodes.messageTooLarge.code);
  });

  it('closes a connection that sends an undecodable or oversized message', async () => {
    const garbage = await rawConnection();
    garbage.ws.send(new Uint8Array([0, 2, 200, 200, 200, 200, 200]));
    expect(await garbage.closed).toBe(closeCodes.invalidMessage.code);
    const huge = await rawConnection();
    huge.ws.send(awarenessMessage(333, { blob: 'x'.repeat(70_000) }));
    expect(await huge.closed).toBe(closeCodes.messageTooLarge.code);
    const unknownType = await rawConnection();
    unknownType.ws.send(new Uint8Array([9, 9]));
    expect(await unknownType.closed).toBe(closeCodes.invalidMessage.code);
  });

  it('never applies a state a client offers in sync step 2', async () => {
    const raw = await rawConnection();
    const forged = new Y.Doc();
    forged.getMap('annotations').set('forged', { body: 'offered' });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep2(encoder, forged);
    raw.ws.send(encoding.toUint8Array(encoder));
    const reader = openRoom(server.url, ana, `group/${groupId}/${documentId}`);
    await reader.until((r) => r.provider.synced, 'sync');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reader.annotations().has('forged')).toBe(false);
    raw.ws.close();
    reader.destroy();
  });

  it('closes a removed member’s connections to the group’s rooms at once', async () => {
    const bea = await signUpUser(server.url, 'Bea');
    await insertMembership(server.db, { groupId, userId: bea.id, role: 'member' });
    const room = openRoom(server.url, bea, `group/${groupId}/${documentId}`);
    await room.until((r) => r.provider.synced, 'sync');
    expect((await ana.client.delete(`/api/groups/${groupId}/members/${bea.id}`)).status).toBe(204);
    expect(await room.closed).toBe(closeCodes.accessRevoked.code);
    room.destroy();
  });
});
