/** The append-only history of annotations and replies. */
import type { AnnotationKind, EventAction } from '../../shared/annotations.ts';
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

/** Several events (one per annotation, say) in one round trip. */
export async function insertEvents(db: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO annotation_events (annotation_id, document_id, group_id, reply_id, actor_id, action, before, after)
     SELECT e.annotation_id, e.document_id, e.group_id, e.reply_id, e.actor_id, e.action, e.before, e.after
       FROM jsonb_to_recordset($1::jsonb) AS e(annotation_id uuid, document_id text, group_id uuid, reply_id uuid,
                                               actor_id uuid, action text, before jsonb, after jsonb)`,
    [
      JSON.stringify(
        events.map((event) => ({
          annotation_id: event.annotationId,
          document_id: event.documentId,
          group_id: event.groupId,
          reply_id: event.replyId ?? null,
          actor_id: event.actorId,
          action: event.action,
          before: event.before,
          after: event.after,
        })),
      ),
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

export interface EventWithActor extends EventRow {
  id: string;
  actorName: string;
}

interface EventColumns {
  id: string;
  annotation_id: string;
  reply_id: string | null;
  actor_id: string;
  actor_name: string;
  action: EventAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: Date;
}

const toEventWithActor = (row: EventColumns): EventWithActor => ({
  id: String(row.id),
  annotationId: row.annotation_id,
  replyId: row.reply_id,
  actorId: row.actor_id,
  actorName: row.actor_name,
  action: row.action,
  before: row.before,
  after: row.after,
  createdAt: row.created_at,
});

const eventColumns = 'e.id, e.annotation_id, e.reply_id, e.actor_id, u.display_name AS actor_name, e.action, e.before, e.after, e.created_at';

/** An annotation's own events (not its replies'), oldest first: its revisions. */
export async function findAnnotationRevisionEvents(db: Queryable, annotationId: string): Promise<EventWithActor[]> {
  const { rows } = await db.query<EventColumns>(
    `SELECT ${eventColumns} FROM annotation_events e JOIN users u ON u.id = e.actor_id
      WHERE e.annotation_id = $1 AND e.reply_id IS NULL ORDER BY e.id`,
    [annotationId],
  );
  return rows.map(toEventWithActor);
}

/** Every event of a room up to `until`, oldest first: what a replay folds. */
export async function findRoomEventsUntil(db: Queryable, room: { groupId: string | null; documentId: string }, until: Date): Promise<EventWithActor[]> {
  const { rows } = await db.query<EventColumns>(
    `SELECT ${eventColumns} FROM annotation_events e JOIN users u ON u.id = e.actor_id
      WHERE e.document_id = $1 AND e.group_id IS NOT DISTINCT FROM $2 AND e.created_at <= $3
      ORDER BY e.id`,
    [room.documentId, room.groupId, until],
  );
  return rows.map(toEventWithActor);
}

export interface TimelineFilter {
  groupId: string;
  /** One document's timeline, or null for the whole group's (its activity). */
  documentId: string | null;
  /** Only events with an id below this one: the cursor of the page before. */
  before: string | null;
  limit: number;
  actorId: string | null;
  tag: string | null;
  action: EventAction | null;
  from: Date | null;
  to: Date | null;
  /** Events of deleted annotations are shown to their authors and moderators only. */
  viewer: { id: string; isModerator: boolean };
}

export interface TimelineRow extends EventWithActor {
  documentId: string;
  quote: string;
  offset: number;
  kind: AnnotationKind;
}

/** A room's events, newest first, one page at a time by keyset (never OFFSET), with filters. */
export async function findTimeline(db: Queryable, filter: TimelineFilter): Promise<TimelineRow[]> {
  const { rows } = await db.query<EventColumns & { document_id: string; quote: string; offset: number; kind: AnnotationKind }>(
    `SELECT ${eventColumns}, e.document_id, a.selectors->'quote'->>'exact' AS quote, (a.selectors->'position'->>'start')::int AS offset, a.kind
       FROM annotation_events e
       JOIN users u ON u.id = e.actor_id
       JOIN annotations a ON a.id = e.annotation_id
      WHERE e.group_id = $1 AND ($2::text IS NULL OR e.document_id = $2)
        AND ($3::bigint IS NULL OR e.id < $3::bigint)
        AND ($5::uuid IS NULL OR e.actor_id = $5)
        AND ($6::text IS NULL OR $6 = ANY(a.tags))
        AND ($7::text IS NULL OR e.action = $7)
        AND ($8::timestamptz IS NULL OR e.created_at >= $8)
        AND ($9::timestamptz IS NULL OR e.created_at <= $9)
        AND (a.deleted_at IS NULL OR $10::boolean OR a.author_id = $11)
      ORDER BY e.id DESC
      LIMIT $4`,
    [
      filter.groupId,
      filter.documentId,
      filter.before,
      filter.limit,
      filter.actorId,
      filter.tag,
      filter.action,
      filter.from,
      filter.to,
      filter.viewer.isModerator,
      filter.viewer.id,
    ],
  );
  return rows.map((row) => ({ ...toEventWithActor(row), documentId: row.document_id, quote: row.quote, offset: row.offset, kind: row.kind }));
}
