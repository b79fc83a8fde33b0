/** What the commentary tests share: writing into a notebook as y-prosemirror would, and reading what is stored. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { commentaryFragment } from '../../../shared/rooms.ts';
import { loadCommentaryDoc } from '../../../server/commentary/commentary-state.ts';
import type { Queryable } from '../../../server/db/database.ts';
import type { RoomClient } from '../../helpers/room-client.ts';
import { describeRange } from '../../../shared/selectors.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer } from '../../helpers/server.ts';

/** The memo, the document every commentary test writes beside. */
export const memoId = 'frus1981-88v41-d97';

export const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(commentaryFragment);

/** Appends a paragraph holding `text`, in one transaction (one update sent). */
export function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragmentOf(doc).push([paragraph]);
}

/** The text of the paragraph at `index`. */
export function paragraphText(doc: Y.Doc, index = 0): string {
  const paragraph = fragmentOf(doc).get(index) as Y.XmlElement | undefined;
  return (paragraph?.get(0) as Y.XmlText | undefined)?.toString() ?? '';
}

/** Types `text` into the paragraph at `index`, one character per transaction, as a person types. */
export function typeInto(doc: Y.Doc, text: string, at: (length: number) => number, index = 0): void {
  const paragraph = fragmentOf(doc).get(index) as Y.XmlElement;
  const xmlText = paragraph.get(0) as Y.XmlText;
  for (const character of text) doc.transact(() => xmlText.insert(at(xmlText.length), character));
}

/** What a room would open with now: the stored snapshot plus the stored updates. */
export async function storedDoc(db: Queryable, groupId: string, documentId: string): Promise<Y.Doc> {
  return (await loadCommentaryDoc(db, { groupId, documentId })).doc;
}

/** Two docs hold the same state: the same items known, the same deleted, the same notebook. */
export function expectSameState(actual: Y.Doc, expected: Y.Doc): void {
  if (!Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))) throw new Error('the two docs differ in what they hold');
  const [a, b] = [fragmentOf(actual).toJSON(), fragmentOf(expected).toJSON()];
  if (a !== b) throw new Error(`the notebooks differ:\n${a}\n${b}`);
}

export async function countUpdates(db: Queryable, groupId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM yjs_updates WHERE group_id = $1', [groupId]);
  return rows[0]!.n;
}

/** Resolves once every client's notebook reads the same, non-empty, and `test` holds of it. */
export async function untilConverged(clients: RoomClient[], test: (doc: Y.Doc) => boolean): Promise<void> {
  const same = () => {
    const first = fragmentOf(clients[0]!.doc).toJSON();
    return clients.every((client) => fragmentOf(client.doc).toJSON() === first) && test(clients[0]!.doc);
  };
  // Watched on every doc: the last change to arrive may be any client's.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the clients to converge')), 15_000);
    const check = () => {
      if (!same()) return;
      clearTimeout(timer);
      for (const client of clients) client.doc.off('update', check);
      resolve();
    };
    for (const client of clients) client.doc.on('update', check);
    check();
  });
}

/** The HTTP status of a refused upgrade, or 101 when it was accepted. */
export function upgradeStatus(url: string, cookie: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers: cookie ? { cookie } : {} });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('upgrade', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', reject);
  });
}

/** A server with a seminar on the memo: its owner, a member, an observer, and someone outside it. */
export async function startCommentarySeminar(name: string, names: [string, string, string, string] = ['Ana', 'Ben', 'Olga', 'Stranger']) {
  const server = await startTestServer();
  const [owner, member, observer, stranger] = (await Promise.all(names.map((person) => signUpUser(server.url, person)))) as [TestUser, TestUser, TestUser, TestUser];
  const groupId = await startSeminar({ name, owner, documentId: memoId, members: [[member, 'member'], [observer, 'observer']] });
  return { server, owner, member, observer, stranger, groupId };
}

/** Appends a citation of `quote` in `text`, as the editor inserts it. */
export function addPassageCitation(doc: Y.Doc, text: string, quote: string, page: number): void {
  const start = text.indexOf(quote);
  const citation = new Y.XmlElement('passage_citation');
  citation.setAttribute('documentId', memoId);
  citation.setAttribute('selectors', describeRange(text, start, start + quote.length) as unknown as string);
  citation.setAttribute('page', page as unknown as string);
  fragmentOf(doc).push([citation]);
}
