/**
 * Reading a W3C annotation collection into a seminar's layer: our own export of one seminar read into
 * another (every annotation and reply placed again, threads kept, the first author named), another
 * tool's collection anchored by its quotes (what cannot be placed reported with its reason), and who
 * may import at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord, ReplyRecord } from '../../../shared/annotations.ts';
import type { ImportReport } from '../../../shared/layer-import.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, createReplyCommand, openCommands, type CommandClient } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const memoId = 'frus1981-88v41-d97';
const text = importedMemo().text;
const ldJson = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

describe('importing a W3C annotation collection into a seminar', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let olga: TestUser;
  let stranger: TestUser;
  let source: string;
  let destination: string;
  let ana$: CommandClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana Owner');
    ben = await signUpUser(server.url, 'Ben Member');
    olga = await signUpUser(server.url, 'Olga Observer');
    stranger = await signUpUser(server.url, 'Stranger');
    source = await startSeminar({ name: 'Spring seminar', owner: ana, documentId: memoId });
    destination = await startSeminar({ name: 'Autumn seminar', owner: ana, documentId: memoId, members: [[ben, 'member'], [olga, 'observer']] });
    ana$ = await openCommands(server.url, ana);
    const create = (name: string, quote: string, body: string, kind = 'comment', tags: string[] = []) => {
      const command = createAnnotationCommand({ text, quote, groupId: source, documentId: memoId, body, kind, tags });
      ids[name] = command.annotationId;
      return ana$.apply(command);
    };
    await create('comment', 'new leader', 'Gorbachev, **not** his predecessors.', 'comment', ['Gorbachev', 'leadership']);
    await create('question', 'humanitarian cooperation', 'What did the Soviets mean?', 'question');
    await create('highlight', 'Radio jamming must cease.', '', 'highlight');
    const reply = createReplyCommand({ annotationId: ids.comment!, body: 'The new leadership, yes.' });
    const answer = createReplyCommand({ annotationId: ids.comment!, parentId: reply.replyId, body: 'Agreed.' });
    [ids.reply, ids.answer] = [reply.replyId, answer.replyId];
    await ana$.apply(reply);
    await ana$.apply(answer);
  });

  afterAll(async () => {
    ana$?.close();
    await server?.close();
  });

  const importAs = async (user: TestUser, collection: unknown) => {
    const response = await fetch(`${server.url}/api/groups/${destination}/documents/${memoId}/annotations.jsonld`, {
      method: 'POST',
      headers: { 'content-type': ldJson, origin: server.url, ...(user.client.cookie ? { cookie: user.client.cookie } : {}) },
      body: JSON.stringify(collection),
    });
    return { status: response.status, body: (await response.json()) as ImportReport & { message?: string } };
  };
  const layerOf = async (groupId: string) =>
    (await ana.client.get<{ annotations: AnnotationRecord[]; replies: ReplyRecord[] }>(`/api/groups/${groupId}/documents/${memoId}/annotations`)).body;

  it('places every annotation and reply of our own export again, threads kept and the first author named', async () => {
    const exported = await (await fetch(`${server.url}/api/groups/${source}/documents/${memoId}/annotations.jsonld`, { headers: { cookie: ana.client.cookie ?? '' } })).json();
    const { status, body } = await importAs(ben, exported);
    expect(status).toBe(200);
    expect(body.unplaced).toEqual([]);
    expect(body.placed).toHaveLength(5);

    const layer = await layerOf(destination);
    const byQuote = new Map(layer.annotations.map((annotation) => [annotation.selectors.quote.exact, annotation]));
    const comment = byQuote.get('new leader')!;
    expect(comment.authorName).toBe('Ben Member'); // the one who vouches for the import in this seminar
    expect(comment.body).toMatch(/^Gorbachev, \*\*not\*\* his predecessors\.\n\n\*Imported: Ana Owner, \d{4}-\d{2}-\d{2}\.\*$/);
    expect(comment.tags).toEqual(['Gorbachev', 'leadership']);
    expect(comment.selectors).toEqual((await layerOf(source)).annotations.find((a) => a.id === ids.comment)!.selectors);
    expect(byQuote.get('humanitarian cooperation')!.kind).toBe('question');
    expect([byQuote.get('Radio jamming must cease.')!.kind, byQuote.get('Radio jamming must cease.')!.body]).toEqual(['highlight', '']);
    const [first, second] = [...layer.replies].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect([first!.annotationId, first!.parentId]).toEqual([comment.id, null]);
    expect(first!.body).toMatch(/^The new leadership, yes\.\n\n\*Imported: Ana Owner, \d{4}-\d{2}-\d{2}\.\*$/);
    expect([second!.annotationId, second!.parentId]).toEqual([comment.id, first!.id]);
  });

  it('anchors another tool’s annotations by their quotes, and reports what it cannot place and why', async () => {
    const exact = 'Emigration must be freed up.';
    const at = text.indexOf(exact);
    const collection = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [
        // A quote with its context, and a position counted by another version of the text (ignored).
        { id: 'urn:x:1', type: 'Annotation', motivation: 'commenting', creator: { name: 'H. Reader' }, created: '2024-03-01T10:00:00Z', bodyValue: 'On emigration.', target: { source: 'urn:doc', selector: [{ type: 'TextQuoteSelector', exact, prefix: text.slice(at - 10, at), suffix: '' }, { type: 'TextPositionSelector', start: 3, end: 9 }] } },
        // A quote with a typo, found approximately.
        { id: 'urn:x:2', type: 'Annotation', body: [{ type: 'TextualBody', value: 'jamming' }, { type: 'TextualBody', purpose: 'tagging', value: 'radio' }], target: { selector: { type: 'TextQuoteSelector', exact: 'Radio jaming must cease.' } } },
        // Not in this document at all.
        { id: 'urn:x:3', type: 'Annotation', bodyValue: 'Elsewhere.', target: { selector: { type: 'TextQuoteSelector', exact: 'The quick brown fox jumps over the lazy dog, twice over.' } } },
        { id: 'urn:x:4', type: 'Annotation', motivation: 'replying', bodyValue: 'To nothing here.', target: 'urn:x:elsewhere' },
        { id: 'urn:x:5', type: 'Annotation', bodyValue: 'No selector.', target: 'urn:doc' },
        { id: 'urn:x:6', type: 'Comment' },
      ],
    };
    const { status, body } = await importAs(ben, collection);
    expect(status).toBe(200);
    expect(body.placed.map((entry) => entry.sourceId)).toEqual(['urn:x:1', 'urn:x:2']);
    expect(body.unplaced).toEqual([
      { id: 'urn:x:3', quote: 'The quick brown fox jumps over the lazy dog, twice over.', reason: 'the passage is no longer in the text' },
      { id: 'urn:x:5', quote: null, reason: 'its target has no TextQuoteSelector or TextPositionSelector' },
      { id: 'urn:x:6', quote: null, reason: 'it is not an Annotation' },
      { id: 'urn:x:4', quote: null, reason: 'it answers urn:x:elsewhere, which is not placed from this collection' },
    ]);
    const layer = await layerOf(destination);
    const emigration = layer.annotations.find((annotation) => annotation.id === body.placed[0]!.annotationId)!;
    expect(emigration.selectors.position).toEqual({ type: 'TextPositionSelector', start: at, end: at + exact.length });
    expect(emigration.body).toBe('On emigration.\n\n*Imported: H. Reader, 2024-03-01.*');
    const jamming = layer.annotations.find((annotation) => annotation.id === body.placed[1]!.annotationId)!;
    expect(jamming.selectors.quote.exact).toBe('Radio jamming must cease.');
    expect(jamming.tags).toEqual(['radio']);
  });

  it('answers 422 with a readable message and the report when nothing could be placed', async () => {
    const elsewhere = {
      type: 'AnnotationPage',
      items: [{ id: 'urn:y:1', type: 'Annotation', bodyValue: 'Not this text.', target: { source: 'urn:other', selector: { type: 'TextQuoteSelector', exact: 'a sentence from another source entirely' } } }],
    };
    const { status, body } = await importAs(ben, elsewhere);
    expect(status).toBe(422);
    expect(body.message).toMatch(/^None of the 1 items could be placed; the first: /);
    expect(body.placed).toEqual([]);
    expect(body.unplaced.map((item) => item.id)).toEqual(['urn:y:1']);
  });

  it('refuses an observer, someone outside the seminar, and a file that is no collection', async () => {
    const page = { type: 'AnnotationPage', items: [] };
    expect((await importAs(olga, page)).status).toBe(403);
    expect((await importAs(stranger, page)).status).toBe(404);
    const wrong = await importAs(ben, { hello: 'world' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe('This is not a W3C annotation collection, page or list of annotations');
  });
});
