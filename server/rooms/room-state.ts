/** Building a room's Y.Doc from the rows: the layer as every reader sees it (no hidden bodies). */
import * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import { epochKey, roomMaps, type AnnotationRoomName } from '../../shared/rooms.ts';
import type { Queryable } from '../db/database.ts';
import { findLayer } from '../queries/annotation-layer.ts';

export async function loadRoomDoc(db: Queryable, room: AnnotationRoomName): Promise<Y.Doc> {
  const layer = await findLayer(db, room);
  const doc = new Y.Doc();
  doc.transact(() => {
    const annotations = doc.getMap(roomMaps.annotations);
    for (const annotation of layer.annotations) annotations.set(annotation.id, annotation);
    const replies = doc.getMap(roomMaps.replies);
    for (const reply of layer.replies) replies.set(reply.id, reply);
    doc.getMap(roomMaps.meta).set(epochKey(randomUUID()), new Date().toISOString());
  });
  return doc;
}
