/**
 * A layer as its readers see it: the annotations and replies of a room, deleted ones kept as
 * placeholders only while something not deleted still answers them. What the room's Y.Doc holds and
 * what REST answers come from here, so they cannot drift apart.
 */
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import type { AnnotationRoomName } from '../../shared/rooms.ts';
import type { Queryable } from '../db/database.ts';
import { presentAnnotation, presentReply } from '../presenters/annotations.ts';
import { findRoomAnnotations, type AnnotationRow } from '../repos/annotations.ts';
import { findRepliesOf, type ReplyRow } from '../repos/replies.ts';

export interface Layer {
  annotations: AnnotationRecord[];
  replies: ReplyRecord[];
}

/** `mayReadHidden` says for whose records the reader may see a hidden body (its author, moderators). */
export async function findLayer(
  db: Queryable,
  room: AnnotationRoomName,
  mayReadHidden: (row: AnnotationRow | ReplyRow) => boolean = () => false,
): Promise<Layer> {
  const annotations = await findRoomAnnotations(db, roomRowsQuery(room));
  const replies = await findRepliesOf(db, annotations.map((annotation) => annotation.id));
  return layerOf(annotations, replies, mayReadHidden);
}

export function roomRowsQuery(room: AnnotationRoomName) {
  return room.type === 'group' ? { groupId: room.groupId, documentId: room.documentId } : { userId: room.userId, documentId: room.documentId };
}

/** The layer of these rows: deleted ones only while something not deleted answers them. */
export function layerOf(annotations: AnnotationRow[], replies: ReplyRow[], mayReadHidden: (row: AnnotationRow | ReplyRow) => boolean = () => false): Layer {
  const answered = new Set<string>();
  for (const reply of replies) {
    if (reply.deletedAt === null) answered.add(reply.parentId ?? reply.annotationId);
  }
  const shown = <T extends { id: string; deletedAt: Date | null }>(row: T) => row.deletedAt === null || answered.has(row.id);
  return {
    annotations: annotations.filter(shown).map((row) => presentAnnotation(row, { withHiddenBody: mayReadHidden(row) })),
    replies: replies.filter(shown).map((row) => presentReply(row, { withHiddenBody: mayReadHidden(row) })),
  };
}
