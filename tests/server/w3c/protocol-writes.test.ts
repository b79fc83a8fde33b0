/**
 * Writing through the Web Annotation Protocol: POST creates (201, Location, the client's id kept as
 * `via`), a reply answers a member of the container, PUT replaces under If-Match (428 without, 412
 * stale), DELETE removes and the IRI answers 410 after, and bodies of other types are refused (415).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationCollection, SpecificResource, TextPositionSelector, TextQuoteSelector, WebAnnotation } from '../../../server/w3c/model.ts';
import { annotationOf, annoProfile, memoId, memoText, replyTo, startProtocolWorld, w3cRequest, type ProtocolWorld } from './protocol-helpers.ts';

describe('writing through the Web Annotation Protocol', () => {
  let world: ProtocolWorld;
  beforeAll(async () => {
    world = await startProtocolWorld();
  });
  afterAll(() => world?.server.close());

  const post = (body: unknown, user = world.member, headers: Record<string, string> = {}) =>
    w3cRequest<WebAnnotation & { error?: string; message?: string }>(world, user, 'POST', world.containerPath, { body, headers });
  const selectorsOf = (annotation: WebAnnotation) => (annotation.target as SpecificResource).selector;

  it('creates an annotation: 201 with Location, the new annotation, its ETag, and the client’s id kept as via', async () => {
    const clientId = `urn:uuid:${randomUUID()}`;
    const created = await post(annotationOf('new leadership', { words: 'Gorbachev’s team.', tags: ['Gorbachev'], id: clientId }));
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${world.containerIri}[0-9a-f-]{36}$`));
    expect(created.headers.get('content-type')).toBe(annoProfile);
    expect(created.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(created.body).toMatchObject({
      id: location,
      via: clientId,
      type: 'Annotation',
      motivation: 'commenting',
      creator: { type: 'Person', name: 'Ben Member' },
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: 'Gorbachev’s team.', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Gorbachev' },
      ],
    });
    const [quote, position] = selectorsOf(created.body) as [TextQuoteSelector, TextPositionSelector];
    expect(quote.exact).toBe('new leadership');
    expect(position.start).toBe(memoText.indexOf('new leadership')); // the memo has no characters outside the BMP

    // Read back at its IRI and in the export, via and all.
    const read = await w3cRequest<WebAnnotation>(world, world.observer, 'GET', location);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
    const exported = await w3cRequest<AnnotationCollection>(world, world.observer, 'GET', `/api/groups/${world.groupId}/documents/${memoId}/annotations.jsonld`);
    expect(exported.body.first.items.find((item) => item.id === location)).toMatchObject({ via: clientId });
  });

  it('takes plain JSON too, and an annotation without an id gets no via', async () => {
    const created = await w3cRequest<WebAnnotation>(world, world.member, 'POST', world.containerPath, {
      body: annotationOf('Radio jamming must cease.', { motivation: 'questioning', words: 'When did it?' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(created.status).toBe(201);
    expect(created.body.motivation).toBe('questioning');
    expect(created.body).not.toHaveProperty('via');
  });

  it('answers an annotation of the container with a reply, and a reply with a reply in the same thread', async () => {
    const annotation = await post(annotationOf('Helsinki process', { words: 'Which meetings?' }));
    const clientId = `https://other.example/replies/${randomUUID()}`;
    const reply = await post(replyTo(annotation.body.id, 'The Vienna follow-up.', clientId), world.owner);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ motivation: 'replying', target: annotation.body.id, via: clientId, creator: { name: 'Ana Owner' } });
    const answer = await post(replyTo(reply.body.id, 'And Madrid before it.'));
    expect(answer.status).toBe(201);
    expect(answer.body.target).toBe(reply.body.id);
  });

  it('refuses what it cannot place (422), what is no annotation (400), a bad id (400) and other media types (415)', async () => {
    const elsewhere = await post(annotationOf('words that are nowhere in the memo at all'));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.message).toMatch(/cannot be placed/);
    const outside = await post(replyTo('https://other.example/annotations/1', 'To something else'));
    expect(outside.status).toBe(422);
    expect(outside.body.message).toMatch(/it answers https:\/\/other\.example\/annotations\/1, which is not placed/);
    const notAnnotation = await post({ type: 'AnnotationPage', items: [] });
    expect(notAnnotation.status).toBe(400);
    expect(notAnnotation.body.message).toMatch(/type "Annotation"/);
    const badId = await post(annotationOf('new leadership', { id: 'not an iri' }));
    expect(badId.status).toBe(400);
    expect(badId.body.message).toMatch(/absolute IRI/);
    const wordless = await post(annotationOf('new leadership', { words: '' }));
    expect(wordless.status).toBe(400);
    expect(wordless.body.message).toMatch(/needs some text/);
    const badTag = await post(annotationOf('new leadership', { tags: ['one, two'] }));
    expect(badTag.status).toBe(400);
    expect(badTag.body.message).toMatch(/tags\.0: A tag has no commas/);
    const asText = await w3cRequest(world, world.member, 'POST', world.containerPath, { body: 'Just words', headers: { 'content-type': 'text/plain' } });
    expect(asText.status).toBe(415);
  });

  it('replaces an annotation with PUT only under a current If-Match: 428 without, 412 when stale', async () => {
    const created = await post(annotationOf('humanitarian cooperation', { words: 'First thoughts.', tags: ['draft'] }));
    const iri = created.body.id;
    const etag = created.headers.get('etag')!;
    const replacement = { ...annotationOf('humanitarian cooperation', { words: 'Second thoughts.', tags: ['final'], motivation: 'questioning' }), id: iri };

    const missing = await w3cRequest(world, world.member, 'PUT', iri, { body: replacement });
    expect(missing.status).toBe(428);
    const wrong = await w3cRequest(world, world.member, 'PUT', iri, { body: replacement, headers: { 'if-match': '"not-the-etag"' } });
    expect(wrong.status).toBe(412);

    const replaced = await w3cRequest<WebAnnotation>(world, world.member, 'PUT', iri, { body: replacement, headers: { 'if-match': etag } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: iri,
      motivation: 'questioning',
      body: [
        { purpose: 'questioning', value: 'Second thoughts.' },
        { purpose: 'tagging', value: 'final' },
      ],
    });
    const newEtag = replaced.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    expect(replaced.headers.get('etag')).toBe((await w3cRequest(world, world.member, 'GET', iri)).headers.get('etag'));

    // The old ETag is stale now: a second writer working from it is refused, nothing overwritten.
    const stale = await w3cRequest(world, world.member, 'PUT', iri, { body: annotationOf('humanitarian cooperation', { words: 'Lost update' }), headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(((await w3cRequest<WebAnnotation>(world, world.member, 'GET', iri)).body.body ?? [])[0]).toMatchObject({ value: 'Second thoughts.' });
  });

  it('keeps a hidden annotation’s words when its author puts back what they read, a tag added', async () => {
    for (const motivation of ['commenting', 'highlighting']) {
      const created = await post(annotationOf('humanitarian cooperation', { words: `Hidden words (${motivation}).`, motivation }));
      const id = created.body.id.split('/').at(-1)!;
      const hide = await world.moderator.client.post<{ ok: boolean }>('/api/commands', { type: 'annotation.hide', commandId: randomUUID(), annotationId: id });
      expect(hide.body.ok).toBe(true);
      const read = await w3cRequest<WebAnnotation>(world, world.member, 'GET', created.body.id);
      const bodies = (read.body.body ?? []) as { purpose?: string; value?: string }[];
      expect(bodies.some((body) => body.value === `Hidden words (${motivation}).`)).toBe(false);
      const tagged = { ...read.body, body: [...bodies, { type: 'TextualBody', purpose: 'tagging', value: 'seen' }] };
      const put = await w3cRequest<WebAnnotation>(world, world.member, 'PUT', created.body.id, { body: tagged, headers: { 'if-match': read.headers.get('etag')! } });
      expect(put.status, motivation).toBe(200);
      const stored = (await world.server.db.query<{ body: string; tags: string[] }>('SELECT body, tags FROM annotations WHERE id = $1', [id])).rows[0]!;
      expect(stored).toEqual({ body: `Hidden words (${motivation}).`, tags: ['seen'] });
    }
  });

  it('moves an annotation to the passage its new target names (a re-anchoring)', async () => {
    const created = await post(annotationOf('new leadership', { words: 'Move me.' }));
    const moved = await w3cRequest<WebAnnotation>(world, world.member, 'PUT', created.body.id, {
      body: annotationOf('Radio jamming must cease.', { words: 'Move me.' }),
      headers: { 'if-match': created.headers.get('etag')! },
    });
    expect(moved.status).toBe(200);
    expect((selectorsOf(moved.body)[0] as TextQuoteSelector).exact).toBe('Radio jamming must cease.');
  });

  it('lets only the author change or delete, and refuses a PUT that would turn an annotation into a reply', async () => {
    const created = await post(annotationOf('new leadership', { words: 'Ben’s.' }));
    const etag = created.headers.get('etag')!;
    const byOwner = await w3cRequest(world, world.owner, 'PUT', created.body.id, { body: annotationOf('new leadership', { words: 'Ana’s now' }), headers: { 'if-match': etag } });
    expect(byOwner.status).toBe(403);
    expect((await w3cRequest(world, world.moderator, 'DELETE', created.body.id)).status).toBe(403);
    const intoReply = await w3cRequest(world, world.member, 'PUT', created.body.id, { body: replyTo(created.body.id, 'Hm'), headers: { 'if-match': etag } });
    expect(intoReply.status).toBe(409);
    const renamed = await w3cRequest(world, world.member, 'PUT', created.body.id, { body: { ...annotationOf('new leadership'), id: 'https://other.example/1' }, headers: { 'if-match': etag } });
    expect(renamed.status).toBe(400);
  });

  it('edits a reply with PUT', async () => {
    const annotation = await post(annotationOf('Helsinki process', { words: 'A thread.' }));
    const reply = await post(replyTo(annotation.body.id, 'First words.'));
    const edited = await w3cRequest<WebAnnotation>(world, world.member, 'PUT', reply.body.id, {
      body: replyTo(annotation.body.id, 'Better words.'),
      headers: { 'if-match': reply.headers.get('etag')! },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.body?.[0]).toMatchObject({ purpose: 'replying', value: 'Better words.' });
  });

  it('deletes with DELETE (a stale If-Match refused), after which the IRI answers 410 Gone', async () => {
    const created = await post(annotationOf('Emigration must be freed up.', { words: 'Soon gone.' }));
    const stale = await w3cRequest(world, world.member, 'DELETE', created.body.id, { headers: { 'if-match': '"old"' } });
    expect(stale.status).toBe(412);
    const deleted = await w3cRequest(world, world.member, 'DELETE', created.body.id, { headers: { 'if-match': created.headers.get('etag')! } });
    expect(deleted.status).toBe(204);
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']) {
      const after = await w3cRequest(world, world.member, method, created.body.id, method === 'PUT' ? { body: annotationOf('new leadership'), headers: { 'if-match': '*' } } : {});
      expect(after.status, method).toBe(410);
    }
    // Even while its placeholder stays in the container for a reply that answers it.
    const answered = await post(annotationOf('Helsinki process', { words: 'Answered, then deleted.' }));
    await post(replyTo(answered.body.id, 'Still here.'), world.owner);
    expect((await w3cRequest(world, world.member, 'DELETE', answered.body.id)).status).toBe(204);
    expect((await w3cRequest(world, world.member, 'GET', answered.body.id)).status).toBe(410);
  });

  it('asks who is writing: 401 signed out, 404 outside the seminar, 403 for an observer', async () => {
    const created = await post(annotationOf('new leadership', { words: 'Guarded.' }));
    const etag = { 'if-match': created.headers.get('etag')! };
    const writes = [
      ['POST', world.containerPath, { body: annotationOf('new leadership') }],
      ['PUT', created.body.id, { body: annotationOf('new leadership', { words: 'Taken over' }), headers: etag }],
      ['DELETE', created.body.id, { headers: etag }],
    ] as const;
    for (const [method, path, options] of writes) {
      expect((await w3cRequest(world, null, method, path, options)).status, `${method} signed out`).toBe(401);
      expect((await w3cRequest(world, world.stranger, method, path, options)).status, `${method} by a stranger`).toBe(404);
      expect((await w3cRequest(world, world.observer, method, path, options)).status, `${method} by an observer`).toBe(403);
    }
    expect((await w3cRequest(world, world.member, 'GET', created.body.id)).status).toBe(200);
  });
});
