/**
 * Replay: a layer exactly as it stood at a moment, rebuilt by applying the room's events up to that
 * moment to the records they describe. The same presentation rules as the live layer apply, so the
 * layer at "now" equals the live one.
 */
import type { AnnotationRoomName } from '../../shared/rooms.ts';
import type { Queryable } from '../db/database.ts';
import { findRoomEventsUntil, type EventWithActor } from '../repos/annotation-events.ts';
import { findRoomAnnotations, type AnnotationRow } from '../repos/annotations.ts';
import { findRepliesOf, type ReplyRow } from '../repos/replies.ts';
import { layerOf, roomRowsQuery, type Layer } from './annotation-layer.ts';

export async function findLayerAt(
  db: Queryable,
  room: AnnotationRoomName,
  at: Date,
  mayReadHidden: (row: AnnotationRow | ReplyRow) => boolean = () => false,
): Promise<Layer> {
  const annotationRows = await findRoomAnnotations(db, roomRowsQuery(room));
  const replyRows = await findRepliesOf(db, annotationRows.map((row) => row.id));
  const events = await findRoomEventsUntil(
    db,
    { groupId: room.type === 'group' ? room.groupId : null, documentId: room.documentId },
    at,
  );
  const annotations = new Map<string, AnnotationRow>();
  const replies = new Map<string, ReplyRow>();
  const annotationBase = new Map(annotationRows.map((row) => [row.id, row]));
  const replyBase = new Map(replyRows.map((row) => [row.id, row]));

  for (const event of events) {
    if (event.replyId === null) {
      const base = annotationBase.get(event.annotationId);
      if (base) annotations.set(base.id, applyToAnnotation(annotations.get(base.id) ?? base, event));
    } else {
      const base = replyBase.get(event.replyId);
      if (base) replies.set(base.id, applyToReply(replies.get(base.id) ?? base, event));
    }
  }
  return layerOf([...annotations.values()], [...replies.values()].filter((reply) => annotations.has(reply.annotationId)), mayReadHidden);
}

function applyToAnnotation(row: AnnotationRow, event: EventWithActor): AnnotationRow {
  const after = event.after ?? {};
  if (event.action === 'created') {
    return {
      ...row,
      kind: after.kind as AnnotationRow['kind'],
      body: String(after.body ?? ''),
      tags: (after.tags as string[]) ?? [],
      selectors: (after.selectors as AnnotationRow['selectors']) ?? row.selectors,
      status: 'open',
      isHidden: false,
      deletedAt: null,
      editedAt: null,
      updatedAt: event.createdAt,
    };
  }
  const next: AnnotationRow = { ...row, updatedAt: event.createdAt };
  if ('kind' in after) next.kind = after.kind as AnnotationRow['kind'];
  if ('body' in after) next.body = String(after.body);
  if (event.action === 'edited') next.editedAt = event.createdAt;
  if ('selectors' in after) next.selectors = after.selectors as AnnotationRow['selectors'];
  if ('tags' in after) next.tags = after.tags as string[];
  if ('status' in after) next.status = after.status as AnnotationRow['status'];
  if ('isHidden' in after) next.isHidden = Boolean(after.isHidden);
  if ('deletedAt' in after) next.deletedAt = after.deletedAt === null ? null : event.createdAt;
  return next;
}

function applyToReply(row: ReplyRow, event: EventWithActor): ReplyRow {
  const after = event.after ?? {};
  if (event.action === 'created') return { ...row, body: String(after.body ?? ''), isHidden: false, deletedAt: null, editedAt: null, updatedAt: event.createdAt };
  return {
    ...row,
    editedAt: event.action === 'edited' ? event.createdAt : row.editedAt,
    body: 'body' in after ? String(after.body) : row.body,
    isHidden: 'isHidden' in after ? Boolean(after.isHidden) : row.isHidden,
    deletedAt: after.deleted === true ? event.createdAt : null,
    updatedAt: event.createdAt,
  };
}
