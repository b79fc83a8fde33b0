import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import type { TestServer } from '../../helpers/server.ts';
import { annotate, documentId, foundIds, reply, send, startSearchServer } from './search-world.ts';

describe('search filters', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let groupId: string;
  let otherGroupId: string;
  const ids: Record<'anaOpen' | 'benResolved' | 'benTagged' | 'otherGroup' | 'privateNote' | 'withReply', string> = {} as never;

  beforeAll(async () => {
    server = await startSearchServer();
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    groupId = await startSeminar({ name: 'First', owner: ana, documentId, members: [[ben, 'member']] });
    otherGroupId = await startSeminar({ name: 'Second', owner: ana, documentId });
    ids.anaOpen = await annotate(ana, { groupId, quote: 'Radio jamming must cease', body: 'Helsinki monitors.' });
    ids.benResolved = await annotate(ben, { groupId, quote: 'Radio jamming must cease', body: 'Helsinki groups.' });
    await send(ben, { type: 'annotation.resolve', annotationId: ids.benResolved });
    ids.benTagged = await annotate(ben, { groupId, quote: 'Emigration must be freed up', body: 'Helsinki Final Act.', tags: ['csce', 'basket three'] });
    ids.otherGroup = await annotate(ana, { groupId: otherGroupId, quote: 'the Soviet proposal', body: 'Helsinki in the other seminar.' });
    ids.privateNote = await annotate(ana, { groupId: null, quote: 'the Soviet proposal', body: 'Helsinki, my own note.' });
    ids.withReply = await annotate(ana, { groupId, quote: 'the Soviet proposal', body: 'What did they concede?' });
    await reply(ben, ids.withReply, 'Helsinki, as Ben recalls it.');
  });
  afterAll(() => server?.close());

  const sorted = (list: string[]) => [...list].sort();
  const helsinki = (params: Record<string, string>) => foundIds(ana, { q: 'helsinki', ...params }).then(sorted);

  it('searches everything the reader may read without filters', async () => {
    expect(await helsinki({})).toEqual(sorted(Object.values(ids)));
  });

  it('narrows to one seminar, or to one’s private notes', async () => {
    expect(await helsinki({ group: otherGroupId })).toEqual([ids.otherGroup]);
    expect(await helsinki({ group: 'private' })).toEqual([ids.privateNote]);
    expect(await helsinki({ group: groupId })).toEqual(sorted([ids.anaOpen, ids.benResolved, ids.benTagged, ids.withReply]));
  });

  it('narrows to one document', async () => {
    expect(await helsinki({ document: documentId })).toEqual(sorted(Object.values(ids)));
    expect(await helsinki({ document: 'another-document' })).toEqual([]);
  });

  it('narrows to what one member wrote, replies included', async () => {
    expect(await helsinki({ member: ben.id })).toEqual(sorted([ids.benResolved, ids.benTagged, ids.withReply]));
  });

  it('narrows to a tag and to a status', async () => {
    expect(await helsinki({ tag: 'basket three' })).toEqual([ids.benTagged]);
    expect(await helsinki({ status: 'resolved' })).toEqual([ids.benResolved]);
    expect(await helsinki({ status: 'open', group: groupId })).toEqual(sorted([ids.anaOpen, ids.benTagged, ids.withReply]));
  });

  it('narrows to a range of dates, both ends included', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await helsinki({ from: today, to: today })).toEqual(sorted(Object.values(ids)));
    expect(await helsinki({ from: tomorrow })).toEqual([]);
    expect(await helsinki({ to: yesterday })).toEqual([]);
    expect(await helsinki({ from: new Date(Date.now() - 3_600_000).toISOString() })).toEqual(sorted(Object.values(ids)));
  });
});
