/**
 * The vocabulary's rules when annotating and when editing it: who adds tags, when the lock refuses
 * them, who edits, and what outsiders learn (nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/annotations.ts';
import type { TagRecord, TagVocabulary } from '../../../shared/tag-vocabulary.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('the tag vocabulary of a seminar', () => {
  let server: TestServer;
  let ana: TestUser; // owner
  let mo: TestUser; // moderator
  let ben: TestUser; // member
  let olga: TestUser; // observer
  let outsider: TestUser;
  let groupId: string;
  const tagsPath = () => `/api/groups/${groupId}/tags`;
  const vocabulary = async () => (await ana.client.get<TagVocabulary>(tagsPath())).body;
  const tagNamed = async (name: string) => (await vocabulary()).tags.find((tag) => tag.name === name);
  const annotate = (user: TestUser, tags: string[], quote = 'new leadership') =>
    user.client.post<CommandResult>('/api/commands', createAnnotationCommand({ text, groupId, documentId, quote, tags }));

  beforeAll(async () => {
    server = await startTestServer();
    await signUpUser(server.url, 'Admin');
    ana = await signUpUser(server.url, 'Ana');
    mo = await signUpUser(server.url, 'Mo');
    ben = await signUpUser(server.url, 'Ben');
    olga = await signUpUser(server.url, 'Olga');
    outsider = await signUpUser(server.url, 'Outsider');
    groupId = await startSeminar({ name: 'Tags', owner: ana, documentId, members: [[mo, 'moderator'], [ben, 'member'], [olga, 'observer']] });
  });
  afterAll(() => server?.close());

  it('takes a member’s new tags into the vocabulary as they annotate, coloured from the palette', async () => {
    const created = await annotate(ben, ['Helsinki', 'human rights']);
    expect(created.body).toMatchObject({ ok: true, annotation: { tags: ['Helsinki', 'human rights'] } });
    const { tags, isLocked } = await vocabulary();
    expect(isLocked).toBe(false);
    expect(tags.map((tag) => tag.name)).toEqual(['Helsinki', 'human rights']);
    for (const tag of tags) expect(tag.colour).toMatch(/^#[0-9a-f]{6}$/);
    const { rows } = await server.db.query<{ created_by: string }>('SELECT DISTINCT created_by FROM group_tags WHERE group_id = $1', [groupId]);
    expect(rows).toEqual([{ created_by: ben.id }]);
  });

  it('writes a tag the vocabulary has as the vocabulary spells it, whatever the case typed', async () => {
    const created = await annotate(mo, ['HELSINKI', 'helsinki', 'Human Rights']);
    expect(created.body).toMatchObject({ ok: true, annotation: { tags: ['Helsinki', 'human rights'] } });
    expect((await vocabulary()).tags).toHaveLength(2);
  });

  it('adds the new tags of an annotation.tag command in its transaction', async () => {
    const created = (await annotate(ben, [])).body as Extract<CommandResult, { ok: true }>;
    const tagged = await ben.client.post<CommandResult>('/api/commands', {
      type: 'annotation.tag',
      commandId: crypto.randomUUID(),
      annotationId: created.annotation!.id,
      tags: ['Reykjavik', 'helsinki'],
    });
    expect(tagged.body).toMatchObject({ ok: true, annotation: { tags: ['Reykjavik', 'Helsinki'] } });
    expect(await tagNamed('Reykjavik')).toBeDefined();
  });

  it('lets only the owner lock the vocabulary', async () => {
    expect((await mo.client.patch(tagsPath(), { isLocked: true })).status).toBe(403);
    expect((await ben.client.patch(tagsPath(), { isLocked: true })).status).toBe(403);
    expect((await outsider.client.patch(tagsPath(), { isLocked: true })).status).toBe(404);
    expect((await vocabulary()).isLocked).toBe(false);
    const locked = await ana.client.patch<TagVocabulary>(tagsPath(), { isLocked: true });
    expect(locked).toMatchObject({ status: 200, body: { isLocked: true } });
  });

  it('refuses a new tag once the vocabulary is locked, to members and moderators alike, and writes nothing', async () => {
    const before = await vocabulary();
    const refused = await annotate(ben, ['Helsinki', 'Vienna']);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ ok: false, error: 'tags_locked' });
    expect((refused.body as { message: string }).message).toContain('“Vienna” is not one of them');
    expect((await annotate(mo, ['Vienna'])).body).toMatchObject({ ok: false, error: 'tags_locked' });
    expect(await vocabulary()).toEqual(before);
    const { rows } = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM annotations WHERE 'Vienna' = ANY(tags)");
    expect(rows[0]!.n).toBe(0);
    // Existing tags are still there to choose, in any case.
    expect((await annotate(ben, ['reykjavik'])).body).toMatchObject({ ok: true, annotation: { tags: ['Reykjavik'] } });
  });

  it('refuses a locked vocabulary’s new tag on an annotation.tag command too', async () => {
    const created = (await annotate(ben, ['Helsinki'])).body as Extract<CommandResult, { ok: true }>;
    const refused = await ben.client.post<CommandResult>('/api/commands', {
      type: 'annotation.tag',
      commandId: crypto.randomUUID(),
      annotationId: created.annotation!.id,
      tags: ['Helsinki', 'Madrid'],
    });
    expect(refused.body).toMatchObject({ ok: false, error: 'tags_locked' });
    const { rows } = await server.db.query<{ tags: string[] }>('SELECT tags FROM annotations WHERE id = $1', [created.annotation!.id]);
    expect(rows[0]!.tags).toEqual(['Helsinki']);
  });

  it('lets moderators add tags by hand to a locked vocabulary, and unlocking lets members add again', async () => {
    const added = await mo.client.post<TagRecord>(tagsPath(), { name: 'Vienna', colour: '#1F618D', description: 'The CSCE follow-up meeting' });
    expect(added).toMatchObject({ status: 201, body: { name: 'Vienna', colour: '#1f618d', description: 'The CSCE follow-up meeting' } });
    expect((await mo.client.post(tagsPath(), { name: 'vienna' })).body).toMatchObject({ error: 'tag_name_taken' });
    expect((await annotate(ben, ['Vienna'])).body).toMatchObject({ ok: true });
    await ana.client.patch(tagsPath(), { isLocked: false });
    expect((await annotate(ben, ['Madrid'])).body).toMatchObject({ ok: true, annotation: { tags: ['Madrid'] } });
  });

  it('lets moderators and the owner edit colour and description, and nobody else', async () => {
    const helsinki = (await tagNamed('Helsinki'))!;
    const path = `${tagsPath()}/${helsinki.id}`;
    expect((await ben.client.patch(path, { colour: '#000000' })).status).toBe(403);
    expect((await olga.client.patch(path, { colour: '#000000' })).status).toBe(403);
    expect((await outsider.client.patch(path, { colour: '#000000' })).status).toBe(404);
    expect((await mo.client.patch(path, { colour: 'red' })).body).toMatchObject({ message: 'colour: A colour is written #rrggbb' });
    const changed = await mo.client.patch<TagVocabulary>(path, { colour: '#27ae60', description: 'The Final Act of 1975' });
    expect(changed.body.tags.find((tag) => tag.id === helsinki.id)).toEqual({ ...helsinki, colour: '#27ae60', description: 'The Final Act of 1975' });
    const uncoloured = await ana.client.patch<TagVocabulary>(path, { colour: null });
    expect(uncoloured.body.tags.find((tag) => tag.id === helsinki.id)?.colour).toBeNull();
  });

  it('lets observers read the vocabulary but neither tag nor edit it', async () => {
    expect((await olga.client.get<TagVocabulary>(tagsPath())).body.tags.map((tag) => tag.name)).toContain('Helsinki');
    expect((await annotate(olga, ['Helsinki'])).status).toBe(403);
    expect((await olga.client.post(tagsPath(), { name: 'Observed' })).status).toBe(403);
    const helsinki = (await tagNamed('Helsinki'))!;
    const madrid = (await tagNamed('Madrid'))!;
    expect((await olga.client.post(`${tagsPath()}/${madrid.id}/merge`, { into: helsinki.id })).status).toBe(403);
    expect((await olga.client.delete(`${tagsPath()}/${madrid.id}`)).status).toBe(403);
  });

  it('refuses members a rename, merge or deletion', async () => {
    const helsinki = (await tagNamed('Helsinki'))!;
    const madrid = (await tagNamed('Madrid'))!;
    expect((await ben.client.patch(`${tagsPath()}/${madrid.id}`, { name: 'Madrid 1980' })).status).toBe(403);
    expect((await ben.client.post(`${tagsPath()}/${madrid.id}/merge`, { into: helsinki.id })).status).toBe(403);
    expect((await ben.client.delete(`${tagsPath()}/${madrid.id}`)).status).toBe(403);
    expect(await tagNamed('Madrid')).toEqual(madrid);
  });

  it('tells outsiders nothing: the seminar is not found', async () => {
    const helsinki = (await tagNamed('Helsinki'))!;
    for (const response of [
      await outsider.client.get(tagsPath()),
      await outsider.client.get(`${tagsPath()}/usage`),
      await outsider.client.post(tagsPath(), { name: 'Outside' }),
      await outsider.client.patch(`${tagsPath()}/${helsinki.id}`, { name: 'Outside' }),
      await outsider.client.delete(`${tagsPath()}/${helsinki.id}`),
    ]) {
      expect(response).toMatchObject({ status: 404, body: { message: 'The seminar was not found' } });
    }
    expect((await ana.client.patch(`${tagsPath()}/${crypto.randomUUID()}`, { name: 'Nowhere' })).body).toMatchObject({ error: 'tag_not_found' });
  });

  it('keeps private notes out of any vocabulary', async () => {
    const note = await ben.client.post<CommandResult>('/api/commands', createAnnotationCommand({ text, groupId: null, documentId, quote: 'new leadership', tags: ['my own'] }));
    expect(note.body).toMatchObject({ ok: true, annotation: { tags: ['my own'] } });
    const { rows } = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM group_tags WHERE name = 'my own'");
    expect(rows[0]!.n).toBe(0);
  });
});
