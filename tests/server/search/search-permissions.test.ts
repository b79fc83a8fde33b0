import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import type { TestServer } from '../../helpers/server.ts';
import { annotate, documentId, foundIds, reply, search, send, startSearchServer } from './search-world.ts';

describe('search permissions', () => {
  let server: TestServer;
  let ana: TestUser; // owns the seminar (a moderator, then)
  let ben: TestUser; // member
  let olga: TestUser; // observer
  let zoe: TestUser; // in another seminar only
  let groupId: string;
  let otherGroupId: string;

  beforeAll(async () => {
    server = await startSearchServer();
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    olga = await signUpUser(server.url, 'Olga');
    zoe = await signUpUser(server.url, 'Zoe');
    groupId = await startSeminar({ name: 'Seminar', owner: ana, documentId, members: [[ben, 'member'], [olga, 'observer']] });
    otherGroupId = await startSeminar({ name: 'Elsewhere', owner: zoe, documentId });
  });
  afterAll(() => server?.close());

  it('never returns another seminar’s annotations, and a seminar one is not in is a 404', async () => {
    const theirs = await annotate(zoe, { groupId: otherGroupId, quote: 'Radio jamming must cease', body: 'Zanzibar is not in the memo.' });
    const ours = await annotate(ben, { groupId, quote: 'Radio jamming must cease', body: 'Zanzibar again.' });
    expect(await foundIds(zoe, { q: 'zanzibar' })).toEqual([theirs]);
    expect(await foundIds(olga, { q: 'zanzibar' })).toEqual([ours]);
    expect((await search(olga, { q: 'zanzibar', group: otherGroupId })).status).toBe(404);
    expect((await search(zoe, { q: 'zanzibar', group: groupId })).status).toBe(404);
  });

  it('finds one’s own private notes and never anyone else’s', async () => {
    const anaNote = await annotate(ana, { groupId: null, quote: 'the Soviet proposal', body: 'Quagmire, said Shultz.' });
    const benNote = await annotate(ben, { groupId: null, quote: 'the Soviet proposal', body: 'Quagmire, said Kampelman.' });
    expect(await foundIds(ana, { q: 'quagmire' })).toEqual([anaNote]);
    expect(await foundIds(ben, { q: 'quagmire' })).toEqual([benNote]);
    expect(await foundIds(olga, { q: 'quagmire' })).toEqual([]);
    const { body } = await search(ana, { q: 'quagmire' });
    expect(body.results[0]).toMatchObject({ groupId: null, groupName: null, link: `/documents/${documentId}#annotation-${anaNote}` });
  });

  it('never returns deleted annotations or deleted replies', async () => {
    const deleted = await annotate(ben, { groupId, quote: 'Emigration must be freed up', body: 'Refuseniks in Leningrad.' });
    const kept = await annotate(ben, { groupId, quote: 'Emigration must be freed up', body: 'Numbers only.' });
    const deletedReply = await reply(ana, kept, 'Leningrad had the longest lists.');
    expect((await foundIds(ben, { q: 'leningrad' })).sort()).toEqual([deleted, kept].sort());
    await send(ben, { type: 'annotation.delete', annotationId: deleted });
    await send(ana, { type: 'reply.delete', replyId: deletedReply });
    expect(await foundIds(ben, { q: 'leningrad' })).toEqual([]);
    expect(await foundIds(ana, { q: 'leningrad' })).toEqual([]);
  });

  it('finds a hidden annotation’s text only for its author and the moderators', async () => {
    const hidden = await annotate(ben, { groupId, quote: 'the Soviet proposal', body: 'Obloquy for the delegation.' });
    await send(ana, { type: 'annotation.hide', annotationId: hidden });
    expect(await foundIds(ana, { q: 'obloquy' })).toEqual([hidden]);
    expect(await foundIds(ben, { q: 'obloquy' })).toEqual([hidden]);
    expect(await foundIds(olga, { q: 'obloquy' })).toEqual([]);
    // Its replies are not hidden: others find the annotation through them, without its words.
    await reply(ana, hidden, 'Obloquy is a strong word for it.');
    const { body } = await search(olga, { q: 'obloquy' });
    expect(body.results.map((result) => [result.annotationId, result.matchedIn])).toEqual([[hidden, 'reply']]);
    expect(JSON.stringify(body)).not.toContain('delegation');
  });

  it('finds a hidden reply only for its author and the moderators', async () => {
    const annotationId = await annotate(ana, { groupId, quote: 'Radio jamming must cease', body: 'On the radio.' });
    const hiddenReply = await reply(ben, annotationId, 'Philippic against the jammers.');
    await send(ana, { type: 'reply.hide', replyId: hiddenReply });
    expect(await foundIds(ben, { q: 'philippic' })).toEqual([annotationId]);
    expect(await foundIds(ana, { q: 'philippic' })).toEqual([annotationId]);
    expect(await foundIds(olga, { q: 'philippic' })).toEqual([]);
  });

  it('answers 401 to a visitor and 400 to a question it cannot read', async () => {
    expect((await new ApiClient(server.url).get('/api/search?q=moscow')).status).toBe(401);
    const bad = [{}, { q: '   ' }, { q: 'x'.repeat(201) }, { q: 'moscow', status: 'closed' }, { q: 'moscow', from: 'yesterday' }, { q: 'moscow', member: 'ana' }, { q: 'moscow', limit: '500' }, { q: 'moscow', colour: 'red' }, { q: 'moscow', from: '2026-02-01', to: '2026-01-01' }];
    for (const params of bad) {
      const response = await search(ana, params as Record<string, string>);
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.body).toMatchObject({ error: 'bad_request' });
    }
  });
});
