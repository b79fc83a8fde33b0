import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import type { TestServer } from '../../helpers/server.ts';
import { annotate, documentId, foundIds, reply, search, startSearchServer } from './search-world.ts';

describe('search ranking', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let groupId: string;

  beforeAll(async () => {
    server = await startSearchServer();
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    groupId = await startSeminar({ name: 'Ranking', owner: ana, documentId, members: [[ben, 'member']] });
  });
  afterAll(() => server?.close());

  it('ranks a tag above the annotator’s words, and their words above the quoted passage', async () => {
    const inQuote = await annotate(ben, { groupId, quote: 'coopting the intelligentsia', body: 'A tactic as old as the Tsars.' });
    const inBody = await annotate(ben, { groupId, quote: 'Radio jamming must cease', body: 'Jamming silenced the intelligentsia abroad.' });
    const inTag = await annotate(ben, { groupId, quote: 'Emigration must be freed up', body: 'Numbers rose in 1987.', tags: ['intelligentsia'] });
    expect(await foundIds(ana, { q: 'intelligentsia' })).toEqual([inTag, inBody, inQuote]);
  });

  it('finds other forms of a word (English stemming) and marks them in the excerpt', async () => {
    const id = await annotate(ben, { groupId, quote: 'the Soviet proposal', body: 'Two earlier proposals had ended the negotiations.' });
    const { body } = await search(ana, { q: 'proposal negotiating ' });
    const result = body.results.find((found) => found.annotationId === id);
    expect(result?.excerpt.filter((run) => run.isMatch).map((run) => run.text)).toEqual(['proposals', 'negotiations']);
  });

  it('matches the last word as a prefix while it is being typed, and only then', async () => {
    const id = await annotate(ben, { groupId, quote: 'troublemakers run around', body: 'The refuseniks were photographed in Moscow.' });
    expect(await foundIds(ana, { q: 'refusen' })).toEqual([id]);
    expect(await foundIds(ana, { q: 'photographed refus' })).toEqual([id]);
    // After a space the word is complete: "refusen" is no word of the text.
    expect(await foundIds(ana, { q: 'refusen ' })).toEqual([]);
  });

  it('matches a quoted phrase only with its words together, in order', async () => {
    const together = await annotate(ben, { groupId, quote: 'release of political prisoners', body: 'Andrei Sakharov returned from Gorky in 1986.' });
    const apart = await annotate(ben, { groupId, quote: 'KGB somewhat on the populace', body: 'Gorky was closed; Sakharov and Bonner were watched.' });
    expect(await foundIds(ana, { q: '"andrei sakharov"' })).toEqual([together]);
    expect((await foundIds(ana, { q: 'sakharov' })).sort()).toEqual([together, apart].sort());
  });

  it('returns a reply’s annotation with the reply that matched, its words marked', async () => {
    const annotationId = await annotate(ben, { groupId, quote: 'Exiles must be granted visas', body: 'Who decides who is an exile?' });
    const replyId = await reply(ana, annotationId, 'Orlov was expelled in 1986, a month after his release.');
    const { body } = await search(ben, { q: 'orlov' });
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ annotationId, matchedIn: 'reply', reply: { id: replyId, author: { id: ana.id, name: 'Ana' } } });
    expect(body.results[0]!.excerpt.find((run) => run.isMatch)?.text).toBe('Orlov');
  });

  it('shows the passage in its context with its printed page, and a link that opens the reader at the annotation', async () => {
    const id = await annotate(ben, { groupId, quote: 'Radio jamming must cease', body: 'Jamming of the BBC ended in January 1987.' });
    const { body } = await search(ana, { q: 'jamming bbc' });
    const [result] = body.results;
    expect(result).toMatchObject({
      annotationId: id,
      groupId,
      groupName: 'Ranking',
      documentId,
      kind: 'comment',
      status: 'open',
      author: { id: ben.id, name: 'Ben' },
      matchedIn: 'annotation',
      reply: null,
      page: 288,
      link: `/groups/${groupId}/documents/${documentId}#annotation-${id}`,
    });
    expect(result!.documentTitle).toMatch(/^97\. Memorandum/);
    expect(result!.passage.prefix.endsWith('—')).toBe(true);
    expect(result!.passage.exact).toEqual([{ text: 'Radio ', isMatch: false }, { text: 'jamming', isMatch: true }, { text: ' must cease', isMatch: false }]);
    expect(result!.passage.suffix.startsWith('.')).toBe(true);
  });

  it('finds nothing for punctuation or stop words alone, and pages through many results', async () => {
    expect(await foundIds(ana, { q: '?!' })).toEqual([]);
    expect(await foundIds(ana, { q: 'the of ' })).toEqual([]);
    for (const quote of ['Emigration must be freed up', 'Radio jamming must cease', 'the Soviet proposal']) {
      await annotate(ben, { groupId, quote, body: 'Pagination pagination example.' });
    }
    const first = await search(ana, { q: 'pagination', limit: '2' });
    expect(first.body.results).toHaveLength(2);
    expect(first.body.nextOffset).toBe(2);
    const second = await search(ana, { q: 'pagination', limit: '2', offset: '2' });
    expect(second.body.results).toHaveLength(1);
    expect(second.body.nextOffset).toBeNull();
    expect(new Set([...first.body.results, ...second.body.results].map((result) => result.annotationId)).size).toBe(3);
  });
});
