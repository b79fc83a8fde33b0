/** The append-only history of annotations and replies. */
import type { EventAction } from '../../shared/annotations.ts';
import type { Queryable } from '../db/database.ts';

export interface NewEvent {
  annotationId: string;
  /** The annotation's room: what timelines filter by. */
  documentId: string;
  groupId: string | null;
  replyId?: string | null;
  actorId: string;
  action: EventAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export async function insertEvent(db: Queryable, event: NewEvent): Promise<void> {
  await db.query(
    `INSERT INTO annotation_events (annotation_id, document_id, group_id, reply_id, actor_id, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
    event.annotationId,
    event.documentId,
    event.groupId,
    event.replyId ?? null,
    event.actorId,
    event.action,
    event.before === null ? null : JSON.stringify(event.before),
    event.after === null ? null : JSON.stringify(event.after),
    ],
  );
}

export interface EventRow {
  annotationId: string;
  replyId: string | null;
  actorId: string;
  action: EventAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
}

export async function findEventsOf(db: Queryable, annotationId: string): Promise<EventRow[]> {
  const { rows } = await db.query<{
    annotation_id: string;
    reply_id: string | null;
    actor_id: string;
    action: EventAction;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    created_at: Date;
  }>('SELECT annotation_id, reply_id, actor_id, action, before, after, created_at FROM annotation_events WHERE annotation_id = $1 ORDER BY id', [
    annotationId,
  ]);
  return rows.map((row) => ({
    annotationId: row.annotation_id,
    replyId: row.reply_id,
    actorId: row.actor_id,
    action: row.action,
    before: row.before,
    after: row.after,
    createdAt: row.created_at,
  }));
}
