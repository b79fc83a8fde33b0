/**
 * The Protocol and the live layer are one: what a W3C client posts, edits or deletes reaches every
 * y-websocket client of the room as it happens, and what people write over socket.io is served by
 * the container at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomNameOf } from '../../../shared/rooms.ts';
import type { WebAnnotation } from '../../../server/w3c/model.ts';
import { createAnnotationCommand, createReplyCommand, openCommands, openRoom, type CommandClient, type RoomClient } from '../../helpers/room-client.ts';
import { annotationOf, memoId, memoText, replyTo, startProtocolWorld, w3cRequest, type ProtocolWorld } from './protocol-helpers.ts';

describe('the Protocol and the live room', () => {
  let world: ProtocolWorld;
  let room: RoomClient;
  let owner$: CommandClient;

  beforeAll(async () => {
    world = await startProtocolWorld();
    room = openRoom(world.server.url, world.observer, roomNameOf({ type: 'group', groupId: world.groupId, documentId: memoId }));
    await room.until((client) => client.provider.synced, 'the room to sync');
    owner$ = await openCommands(world.server.url, world.owner);
  });
  afterAll(async () => {
    room?.destroy();
    owner$?.close();
    await world?.server.close();
  });

  const idOf = (iri: string) => iri.slice(world.containerIri.length);

  it('shows a POSTed annotation, its reply, a PUT and a DELETE in the room’s Y.Doc', async () => {
    const created = await w3cRequest<WebAnnotation>(world, world.member, 'POST', world.containerPath, { body: annotationOf('humanitarian cooperation', { words: 'Posted by a W3C client', tags: ['w3c'] }) });
    expect(created.status).toBe(201);
    const id = idOf(created.body.id);
    // Acknowledged after the room was updated: the record is there, or arrives, with the posted words.
    await room.until((client) => client.annotations().get(id)?.body === 'Posted by a W3C client', 'the posted annotation');
    expect(room.annotations().get(id)).toMatchObject({ kind: 'comment', tags: ['w3c'], authorName: 'Ben Member', selectors: { quote: { exact: 'humanitarian cooperation' } } });

    const reply = await w3cRequest<WebAnnotation>(world, world.owner, 'POST', world.containerPath, { body: replyTo(created.body.id, 'Answered over the Protocol') });
    await room.until((client) => client.replies().get(idOf(reply.body.id))?.body === 'Answered over the Protocol', 'the posted reply');
    expect(room.replies().get(idOf(reply.body.id))).toMatchObject({ annotationId: id, parentId: null });

    const put = await w3cRequest(world, world.member, 'PUT', created.body.id, {
      body: annotationOf('humanitarian cooperation', { words: 'Edited by a W3C client', tags: ['w3c'] }),
      headers: { 'if-match': created.headers.get('etag')! },
    });
    expect(put.status).toBe(200);
    await room.until((client) => client.annotations().get(id)?.body === 'Edited by a W3C client', 'the edit');

    expect((await w3cRequest(world, world.owner, 'DELETE', reply.body.id)).status).toBe(204);
    expect((await w3cRequest(world, world.member, 'DELETE', created.body.id)).status).toBe(204);
    await room.until((client) => !client.annotations().has(id) && !client.replies().has(idOf(reply.body.id)), 'the deletions');
  });

  it('serves what people write over socket.io, as soon as it is acknowledged', async () => {
    const command = createAnnotationCommand({ text: memoText, documentId: memoId, groupId: world.groupId, quote: 'Helsinki process', body: 'Typed in the margin', kind: 'question' });
    await owner$.apply(command);
    const served = await w3cRequest<WebAnnotation>(world, world.observer, 'GET', `${world.containerPath}${command.annotationId}`);
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({ motivation: 'questioning', body: [{ value: 'Typed in the margin' }], creator: { name: 'Ana Owner' } });

    const reply = createReplyCommand({ annotationId: command.annotationId, body: 'A reply typed in the margin' });
    await owner$.apply(reply);
    const page = await w3cRequest<{ items: WebAnnotation[] }>(world, world.observer, 'GET', `${world.containerPath}?page=0`);
    expect(page.body.items.find((item) => item.id === `${world.containerIri}${reply.replyId}`)).toMatchObject({ motivation: 'replying', target: `${world.containerIri}${command.annotationId}` });

    await owner$.apply({ type: 'annotation.edit', commandId: randomUUID(), annotationId: command.annotationId, body: 'Retyped' });
    const edited = await w3cRequest<WebAnnotation>(world, world.observer, 'GET', `${world.containerPath}${command.annotationId}`);
    expect(edited.body.body?.[0]).toMatchObject({ value: 'Retyped' });
    expect(edited.headers.get('etag')).not.toBe(served.headers.get('etag'));
  });
});
