/**
 * A seminar's layer exported as a W3C AnnotationCollection, proved against the W3C's own tests: a real
 * layer is written through socket.io commands as people write it, fetched from the export route, and
 * every exported annotation is run through every MUST assertion of the annotation-model suite
 * (web-platform-tests), the collection through the collection and page MUSTs.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../shared/document.ts';
import { describeRange } from '../../../shared/selectors.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, createReplyCommand, openCommands, type CommandClient } from '../../helpers/room-client.ts';
import type { AnnotationCollection, SpecificResource, TextPositionSelector, TextQuoteSelector, WebAnnotation } from '../../../server/w3c/model.ts';
import { loadSuite, suiteDir, type Suite } from './wpt-annotation-model.ts';

const memoId = 'frus1981-88v41-d97';
const memoText = importedMemo().text;
const id = () => randomUUID();
const exportPath = (groupId: string, documentId: string) => `/api/groups/${groupId}/documents/${documentId}/annotations.jsonld`;

const secret = 'A remark the moderators hid';
const secretReply = 'A reply the moderators hid';
const privateNote = 'Ben’s own note, for nobody else';

describe('the W3C Web Annotation export of a layer', () => {
  let server: TestServer;
  let admin: TestUser;
  let ana: TestUser; // owner
  let ben: TestUser; // member
  let mona: TestUser; // moderator
  let olga: TestUser; // observer
  let stranger: TestUser;
  let groupId: string;
  let ana$: CommandClient;
  let ben$: CommandClient;
  let mona$: CommandClient;
  const ids: Record<string, string> = {};

  async function annotate(client: CommandClient, name: string, options: { quote: string; kind?: string; body?: string; tags?: string[]; groupId?: string | null }) {
    const command = createAnnotationCommand({ text: memoText, documentId: memoId, groupId: options.groupId === undefined ? groupId : options.groupId, ...options });
    ids[name] = command.annotationId;
    await client.apply(command);
  }

  async function reply(client: CommandClient, name: string, annotation: string, body: string, parent?: string) {
    const command = createReplyCommand({ annotationId: ids[annotation]!, parentId: parent ? ids[parent] : null, body });
    ids[name] = command.replyId;
    await client.apply(command);
  }

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpUser(server.url, 'Admin'); // the first account administers the library
    ana = await signUpUser(server.url, 'Ana Owner');
    ben = await signUpUser(server.url, 'Ben Member');
    mona = await signUpUser(server.url, 'Mona Moderator');
    olga = await signUpUser(server.url, 'Olga Observer');
    stranger = await signUpUser(server.url, 'Stranger');
    groupId = await startSeminar({ name: 'Helsinki seminar', owner: ana, documentId: memoId, members: [[ben, 'member'], [mona, 'moderator'], [olga, 'observer']] });
    [ana$, ben$, mona$] = await Promise.all([openCommands(server.url, ana), openCommands(server.url, ben), openCommands(server.url, mona)]);

    await annotate(ana$, 'comment', { quote: 'new leader', body: 'Gorbachev, **not** his predecessors.', tags: ['Gorbachev', 'leadership'] });
    await annotate(ben$, 'question', { quote: 'humanitarian cooperation', kind: 'question', body: 'What did the Soviets mean by this?' });
    await annotate(ben$, 'correction', { quote: 'November 1986', kind: 'correction', body: 'November 5, 1986 (Vienna).', tags: ['date'] });
    await annotate(ana$, 'highlight', { quote: 'Radio jamming must cease.', kind: 'highlight', body: '' });
    await annotate(ben$, 'hidden', { quote: 'Emigration must be freed up.', body: secret, tags: ['emigration'] });
    await annotate(ana$, 'deleted', { quote: 'Helsinki process', body: 'Soon deleted.' });
    await annotate(ben$, 'private', { quote: 'Leninist dictatorship', body: privateNote, groupId: null });

    await reply(ben$, 'reply', 'comment', 'Yes: the *new* leadership.');
    await reply(ana$, 'replyToReply', 'comment', 'Agreed.', 'reply');
    await reply(ben$, 'hiddenReply', 'question', secretReply);
    await reply(ben$, 'replyToDeleted', 'deleted', 'Still worth discussing.');

    await ben$.apply({ type: 'annotation.edit', commandId: id(), annotationId: ids.question, body: 'What did the Soviets mean by “humanitarian cooperation”?' });
    await mona$.apply({ type: 'annotation.hide', commandId: id(), annotationId: ids.hidden });
    await mona$.apply({ type: 'reply.hide', commandId: id(), replyId: ids.hiddenReply });
    await ana$.apply({ type: 'annotation.delete', commandId: id(), annotationId: ids.deleted });
  });

  afterAll(async () => {
    for (const client of [ana$, ben$, mona$]) client?.close();
    await server?.close();
  });

  async function exportAs(user: TestUser, documentId = memoId) {
    const response = await fetch(`${server.url}${exportPath(groupId, documentId)}`, { headers: { cookie: user.client.cookie ?? '' } });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  const itemOf = (collection: AnnotationCollection, iri: string) => {
    const item = collection.first.items.find((candidate) => candidate.id === iri);
    if (!item) throw new Error(`no item ${iri}`);
    return item;
  };
  // Annotations and replies alike are members of the layer's Protocol container.
  const iri = (_kind: 'annotations' | 'replies', name: string) => `${server.url}/api/groups/${groupId}/documents/${memoId}/annotations/${ids[name]}`;
  const selectorsOf = (item: WebAnnotation) => {
    const [quote, position] = (item.target as SpecificResource).selector;
    return { quote, position };
  };

  it('answers JSON-LD with the annotation profile, to observers as to owners', async () => {
    for (const user of [olga, ben, mona, ana]) {
      const response = await exportAs(user);
      expect(response.status).toBe(200);
      expect(response.type).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
      expect(JSON.parse(response.text)).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection' });
    }
    expect((await exportAs(stranger)).status).toBe(404);
    expect((await fetch(`${server.url}${exportPath(groupId, memoId)}`)).status).toBe(401);
    expect((await exportAs(olga, 'no-such-document')).status).toBe(404);
  });

  it('passes every MUST assertion of the W3C annotation-model tests, for every exported annotation', async () => {
    const suite: Suite = loadSuite();
    const musts = suite.assertionsOf('annotations/annotationMusts.test');
    // The .test file is the suite's own list of the MUSTs: it must hold every mandatory assertion there is.
    expect(musts.map((assertion) => assertion.file).sort()).toEqual(suite.mustFilesUnder('annotations'));
    expect(musts).toHaveLength(54);

    const collection = JSON.parse((await exportAs(olga)).text) as AnnotationCollection;
    const items = collection.first.items;
    expect(items).toHaveLength(10); // 6 annotations (the deleted one a placeholder) and 4 replies; no private note
    const failures = items.flatMap((item) => suite.failures(item, musts).map((failure) => `${item.id}: ${failure}`));
    expect(failures).toEqual([]);

    const collectionFailures = [
      ...suite.failures(collection, suite.assertionsOf('collections/collectionMusts.test')),
      ...suite.failures(collection, suite.assertionsOf('collections/pages/pageMusts.test')),
    ];
    expect(collectionFailures).toEqual([]);
  });

  it('runs a validator that fails what the W3C marks incorrect', async () => {
    // Without this, a validator that accepted everything would prove nothing.
    const suite = loadSuite();
    const musts = suite.assertionsOf('annotations/annotationMusts.test');
    const sample = (name: string) => JSON.parse(readFileSync(`${suiteDir}tools/samples/${name}`, 'utf8')) as unknown;
    expect(suite.failures(sample('correct/anno1.json'), musts)).toEqual([]);
    expect(suite.failures(sample('incorrect/anno2.json'), musts).length).toBeGreaterThan(0);
    const broken = { ...(JSON.parse((await exportAs(olga)).text) as AnnotationCollection).first.items[0]!, id: 'not an iri' };
    expect(suite.failures(broken, musts)).toEqual([expect.stringContaining('3.1-annotationIdValidated.json')]);
  });

  it('maps kinds, bodies, tags, creators, times and targets', async () => {
    const collection = JSON.parse((await exportAs(olga)).text) as AnnotationCollection;
    const version = (await ana.client.get<DocumentRecord>(`/api/documents/${memoId}`)).body.version;
    expect(collection).toMatchObject({ id: `${server.url}${exportPath(groupId, memoId)}`, total: 10, first: { type: 'AnnotationPage', startIndex: 0 } });

    const comment = itemOf(collection, iri('annotations', 'comment'));
    expect(comment).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      motivation: 'commenting',
      creator: { type: 'Person', name: 'Ana Owner', id: `${server.url}/api/users/${ana.id}` },
      body: [
        { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: 'Gorbachev, **not** his predecessors.' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Gorbachev' },
        { type: 'TextualBody', purpose: 'tagging', value: 'leadership' },
      ],
      target: { type: 'SpecificResource', source: `${server.url}/api/documents/${memoId}/versions/${version}` },
    });
    const start = memoText.indexOf('new leader');
    expect(selectorsOf(comment)).toEqual({
      quote: { type: 'TextQuoteSelector', exact: 'new leader', prefix: memoText.slice(start - 32, start), suffix: memoText.slice(start + 10, start + 42) },
      position: { type: 'TextPositionSelector', start, end: start + 10 }, // the memo has no astral characters
    });

    expect(itemOf(collection, iri('annotations', 'question'))).toMatchObject({
      motivation: 'questioning',
      body: [{ purpose: 'questioning', value: 'What did the Soviets mean by “humanitarian cooperation”?' }],
    });
    const edited = itemOf(collection, iri('annotations', 'question'));
    expect(Date.parse(edited.modified)).toBeGreaterThan(Date.parse(edited.created));
    expect(itemOf(collection, iri('annotations', 'correction'))).toMatchObject({
      motivation: 'editing',
      body: [{ purpose: 'editing', value: 'November 5, 1986 (Vienna).' }, { purpose: 'tagging', value: 'date' }],
    });
    const highlight = itemOf(collection, iri('annotations', 'highlight'));
    expect(highlight.motivation).toBe('highlighting');
    expect(highlight).not.toHaveProperty('body');

    expect(itemOf(collection, iri('replies', 'reply'))).toMatchObject({
      motivation: 'replying',
      target: iri('annotations', 'comment'),
      body: [{ type: 'TextualBody', purpose: 'replying', format: 'text/markdown', value: 'Yes: the *new* leadership.' }],
      creator: { name: 'Ben Member' },
    });
    expect(itemOf(collection, iri('replies', 'replyToReply'))).toMatchObject({ motivation: 'replying', target: iri('replies', 'reply') });

    // Thread order: every reply comes after what it answers.
    const order = collection.first.items.map((item) => item.id);
    for (const item of collection.first.items.filter((candidate) => typeof candidate.target === 'string')) {
      expect(order.indexOf(item.target as string)).toBeLessThan(order.indexOf(item.id));
    }
    // Never an email address, anywhere.
    for (const user of [ana, ben, mona, olga]) expect(JSON.stringify(collection)).not.toContain(user.email);
  });

  it('never carries a hidden body or a private note, whoever asks, and keeps a deleted annotation answered as a bare placeholder', async () => {
    for (const user of [olga, ben, mona, ana]) {
      const text = (await exportAs(user)).text;
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secretReply);
      expect(text).not.toContain(privateNote);
      expect(text).not.toContain(ids.private);
      const collection = JSON.parse(text) as AnnotationCollection;
      expect(itemOf(collection, iri('annotations', 'hidden'))).toMatchObject({
        motivation: 'commenting',
        body: [{ purpose: 'moderating', value: 'Hidden by a moderator.' }, { purpose: 'tagging', value: 'emigration' }],
      });
      expect(itemOf(collection, iri('replies', 'hiddenReply')).body).toEqual([expect.objectContaining({ purpose: 'moderating' })]);
      const deleted = itemOf(collection, iri('annotations', 'deleted'));
      expect(deleted).not.toHaveProperty('body');
      expect(selectorsOf(deleted).quote.exact).toBe('Helsinki process');
      expect(itemOf(collection, iri('replies', 'replyToDeleted')).target).toBe(iri('annotations', 'deleted'));
    }
  });

  it('counts positions in code points on a document with characters outside the Basic Multilingual Plane', async () => {
    const source = '7. Note on the 𝔐oscow Talks1\n\nThe 𝔐oscow talks 😀 resumed in 𝔊eneva after the 🕊 summit, and 𝔐oscow agreed.\n\n  1. Source: Department of State.\n';
    const imported = await admin.client.post<{ id: string }>('/api/documents', { fileName: 'astral-note.txt', source });
    expect(imported.status).toBe(201);
    const documentId = imported.body.id;
    expect((await ana.client.post(`/api/groups/${groupId}/documents`, { documentId })).status).toBe(201);
    const { text, version } = (await ana.client.get<DocumentRecord>(`/api/documents/${documentId}`)).body;
    expect(text).toContain('𝔊eneva');

    const passages = ['𝔊eneva', '🕊 summit', 'agreed.', 'The 𝔐oscow'];
    for (const quote of passages) {
      const command = createAnnotationCommand({ text, quote, groupId, documentId, body: `On ${quote}` });
      // "The 𝔐oscow" occurs first in the title: start from the paragraph's occurrence.
      const start = text.indexOf(quote, quote === 'The 𝔐oscow' ? text.indexOf('\n') : 0);
      command.selectors = describeRange(text, start, start + quote.length);
      await ana$.apply(command);
    }

    const collection = JSON.parse((await exportAs(olga, documentId)).text) as AnnotationCollection;
    expect(collection.first.items).toHaveLength(passages.length);
    const codePoints = [...text];
    for (const item of collection.first.items) {
      const { quote, position } = selectorsOf(item) as { quote: TextQuoteSelector; position: TextPositionSelector };
      expect((item.target as SpecificResource).source).toBe(`${server.url}/api/documents/${documentId}/versions/${version}`);
      // W3C: the position counts code points, so slicing the code points gives the quote.
      expect(codePoints.slice(position.start, position.end).join('')).toBe(quote.exact);
      expect(codePoints.slice(0, position.start).join('').endsWith(quote.prefix)).toBe(true);
      expect(codePoints.slice(position.end).join('').startsWith(quote.suffix)).toBe(true);
    }
    const geneva = collection.first.items.find((item) => selectorsOf(item).quote.exact === '𝔊eneva')!;
    const utf16Start = text.indexOf('𝔊eneva');
    const astralBefore = [...text.slice(0, utf16Start)].filter((character) => character.length === 2).length;
    expect(astralBefore).toBeGreaterThanOrEqual(3); // the title's 𝔐, the paragraph's 𝔐 and 😀
    expect(selectorsOf(geneva).position).toEqual({ type: 'TextPositionSelector', start: utf16Start - astralBefore, end: utf16Start - astralBefore + 6 });

    const suite = loadSuite();
    const musts = suite.assertionsOf('annotations/annotationMusts.test');
    expect(collection.first.items.flatMap((item) => suite.failures(item, musts))).toEqual([]);
  });
});
