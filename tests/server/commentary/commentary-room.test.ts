/**
 * The commentary room with real y-websocket providers: members write together and every change is
 * stored before anyone sees it; observers read and may not write; outsiders are not let in; an update
 * that writes anything but the notebook is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCodes } from '../../../shared/rooms.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { openRoom, type RoomClient } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { addParagraph, countUpdates, expectSameState, fragmentOf, paragraphText, storedDoc, typeInto, untilConverged, upgradeStatus } from './commentary-helpers.ts';

const documentId = 'frus1981-88v41-d97';

describe('the commentary room', () => {
  let server: TestServer;
  let ana: TestUser; // owner
  let ben: TestUser; // member
  let mona: TestUser; // moderator
  let olga: TestUser; // observer
  let stranger: TestUser;
  const open: RoomClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    [ana, ben, mona, olga, stranger] = (await Promise.all(['Ana', 'Ben', 'Mona', 'Olga', 'Stranger'].map((name) => signUpUser(server.url, name)))) as [TestUser, TestUser, TestUser, TestUser, TestUser];
  });
  afterAll(async () => {
    for (const client of open) client.destroy();
    await server?.close();
  });

  async function seminar(name: string): Promise<string> {
    return startSeminar({ name, owner: ana, documentId, members: [[ben, 'member'], [mona, 'moderator'], [olga, 'observer']] });
  }
  async function join(user: TestUser, groupId: string): Promise<RoomClient> {
    const client = openRoom(server.url, user, `commentary/${groupId}/${documentId}`);
    open.push(client);
    await client.until((room) => room.provider.synced, `${user.name}'s first sync`);
    return client;
  }

  it('merges three members typing in one paragraph at once, and stores every change with its author', async () => {
    const groupId = await seminar('Converging');
    const [a, b, m] = [await join(ana, groupId), await join(ben, groupId), await join(mona, groupId)];
    addParagraph(a.doc, '|');
    await untilConverged([a, b, m], (doc) => paragraphText(doc) === '|');

    // All at once: Ana types at the start, Ben at the end, Mona in the middle.
    typeInto(a.doc, 'aaaaaaaaaa', () => 0);
    typeInto(b.doc, 'bbbbbbbbbb', (length) => length);
    typeInto(m.doc, 'mmmmmmmmmm', (length) => Math.floor(length / 2));
    await untilConverged([a, b, m], (doc) => paragraphText(doc).length === 31);
    const text = paragraphText(a.doc);
    for (const letter of 'abm') expect(text.split(letter).length - 1).toBe(10);

    // Everyone saw every change, so every change was stored: one row per transaction, by its author.
    const { rows } = await server.db.query<{ author_id: string; n: number }>(
      'SELECT author_id, count(*)::int AS n FROM yjs_updates WHERE group_id = $1 GROUP BY author_id',
      [groupId],
    );
    expect(Object.fromEntries(rows.map((row) => [row.author_id, row.n]))).toEqual({ [ana.id]: 11, [ben.id]: 10, [mona.id]: 10 });
    expectSameState(await storedDoc(server.db, groupId, documentId), a.doc);

    // A newcomer gets it all, and offering it back (sync step 2) stores nothing more.
    const late = await join(ben, groupId);
    expect(paragraphText(late.doc)).toBe(text);
    addParagraph(a.doc, 'after');
    await untilConverged([a, late], (doc) => fragmentOf(doc).length === 2);
    expect(await countUpdates(server.db, groupId)).toBe(32);
  });

  it('lets an observer read, and refuses their change with the read-only code, storing and sending nothing', async () => {
    const groupId = await seminar('Observed');
    const a = await join(ana, groupId);
    addParagraph(a.doc, 'Gorbachev’s new leadership');
    const o = await join(olga, groupId);
    await o.until(() => paragraphText(o.doc) === 'Gorbachev’s new leadership', 'the observer to read the notebook');
    const before = await countUpdates(server.db, groupId);

    typeInto(o.doc, '!', (length) => length);
    expect(await o.closed).toBe(closeCodes.commentaryReadOnly.code);
    o.provider.disconnect();
    // A later change of Ana's reaches Ben, the observer's never does.
    const b = await join(ben, groupId);
    addParagraph(a.doc, 'second');
    await b.until(() => fragmentOf(b.doc).length === 2, 'Ana’s second paragraph');
    expect(paragraphText(b.doc)).toBe('Gorbachev’s new leadership');
    expect(paragraphText(a.doc)).toBe('Gorbachev’s new leadership');
    expect(await countUpdates(server.db, groupId)).toBe(before + 1);
  });

  it('refuses the next change of a member made an observer while connected', async () => {
    const groupId = await seminar('Demoted');
    const [a, b] = [await join(ana, groupId), await join(ben, groupId)];
    addParagraph(b.doc, 'before');
    await a.until(() => paragraphText(a.doc) === 'before');
    const changed = await ana.client.request('PATCH', `/api/groups/${groupId}/members/${ben.id}`, { role: 'observer' });
    expect(changed.status).toBe(200);
    const before = await countUpdates(server.db, groupId);

    addParagraph(b.doc, 'after');
    expect(await b.closed).toBe(closeCodes.commentaryReadOnly.code);
    b.provider.disconnect();
    expect(await countUpdates(server.db, groupId)).toBe(before);
    const late = await join(mona, groupId);
    expect(fragmentOf(late.doc).length).toBe(1);
  });

  it('keeps an observer connected while they only read, across a reconnect', async () => {
    const groupId = await seminar('Reading');
    const a = await join(ana, groupId);
    addParagraph(a.doc, 'one');
    const o = await join(olga, groupId);
    await o.until(() => paragraphText(o.doc) === 'one');
    // Reconnecting, the observer's provider offers back its copy: the room holds it, nothing is refused.
    o.provider.disconnect();
    o.provider.connect();
    await o.until((room) => room.provider.synced && room.provider.wsconnected);
    addParagraph(a.doc, 'two');
    await o.until(() => fragmentOf(o.doc).length === 2, 'the observer to read on');
    expect(o.provider.wsconnected).toBe(true);
  });

  it('lets no outsider in, nor anyone without a session', async () => {
    const groupId = await seminar('Closed');
    const url = `${server.url}/yjs/commentary/${groupId}/${documentId}`;
    expect(await upgradeStatus(url, stranger.client.cookie)).toBe(403);
    expect(await upgradeStatus(url, null)).toBe(401);
    expect(await upgradeStatus(`${server.url}/yjs/commentary/${groupId}/no-such-document`, ana.client.cookie)).toBe(403);
    expect(await upgradeStatus(url, olga.client.cookie)).toBe(101);
  });

  it('refuses an update that writes anything but the notebook, whole, and stores none of it', async () => {
    const groupId = await seminar('Foreign');
    const a = await join(ana, groupId);
    const b = await join(ben, groupId);
    addParagraph(a.doc, 'kept');
    await b.until(() => paragraphText(b.doc) === 'kept');
    const before = await countUpdates(server.db, groupId);

    b.doc.transact(() => {
      addParagraph(b.doc, 'smuggled along');
      b.doc.getMap('annotations').set('forged', { body: 'not through a command' });
    });
    expect(await b.closed).toBe(closeCodes.foreignRootType.code);
    b.provider.disconnect();
    expect(await countUpdates(server.db, groupId)).toBe(before);

    // Ana's room has neither part: her next change is all that reaches a newcomer.
    addParagraph(a.doc, 'next');
    const late = await join(mona, groupId);
    expect(fragmentOf(late.doc).length).toBe(2);
    expect(late.doc.share.has('annotations')).toBe(false);
    expectSameState(await storedDoc(server.db, groupId, documentId), late.doc);
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('refuses an update that would make the notebook unreadable (a bare value, an unknown element), storing none of it', async () => {
    const groupId = await seminar('Malformed');
    const a = await join(ana, groupId);
    addParagraph(a.doc, 'kept');
    // Seen by another member: stored, since the room broadcasts only what it stored.
    const witness = await join(mona, groupId);
    await witness.until(() => paragraphText(witness.doc) === 'kept');
    const before = await countUpdates(server.db, groupId);
    const forgeries: ((fragment: Y.XmlFragment) => void)[] = [
      (fragment) => fragment.insert(0, ['a bare value' as unknown as Y.XmlText]),
      (fragment) => fragment.insert(0, [new Y.XmlElement('script')]),
    ];
    for (const forge of forgeries) {
      const b = await join(ben, groupId);
      await b.until(() => paragraphText(b.doc) === 'kept');
      forge(fragmentOf(b.doc));
      expect(await b.closed).toBe(closeCodes.malformedCommentary.code);
      b.provider.disconnect();
    }
    expect(await countUpdates(server.db, groupId)).toBe(before);
    // The notebook still reads, for a newcomer and for its exports.
    const late = await join(olga, groupId);
    expect(paragraphText(late.doc)).toBe('kept');
    expect((await ana.client.get(`/api/groups/${groupId}/documents/${documentId}/commentary.md`)).status).toBe(200);
  });
});
