/** All SQL about notifications. A notification from a group one has left is no longer listed. */
import type { NotificationKind, NotificationRecord } from '../../shared/notifications.ts';
import type { Queryable } from '../db/database.ts';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  actorId: string;
  groupId: string;
  documentId: string;
  annotationId: string;
  replyId: string | null;
  excerpt: string;
}

interface NotificationColumns {
  id: string;
  user_id: string;
  kind: NotificationKind;
  actor_id: string;
  actor_name: string;
  group_id: string;
  document_id: string;
  annotation_id: string;
  reply_id: string | null;
  excerpt: string;
  created_at: Date;
  read_at: Date | null;
}

export type NotificationRow = NotificationRecord & { userId: string };

const toRow = (row: NotificationColumns): NotificationRow => ({
  id: String(row.id),
  userId: row.user_id,
  kind: row.kind,
  actor: { id: row.actor_id, name: row.actor_name },
  groupId: row.group_id,
  documentId: row.document_id,
  annotationId: row.annotation_id,
  replyId: row.reply_id,
  excerpt: row.excerpt,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});

export async function insertNotification(db: Queryable, notification: NewNotification): Promise<NotificationRow> {
  const { rows } = await db.query<NotificationColumns>(
    `WITH inserted AS (
       INSERT INTO notifications (user_id, kind, actor_id, group_id, document_id, annotation_id, reply_id, excerpt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *)
     SELECT inserted.*, u.display_name AS actor_name FROM inserted JOIN users u ON u.id = inserted.actor_id`,
    [
      notification.userId,
      notification.kind,
      notification.actorId,
      notification.groupId,
      notification.documentId,
      notification.annotationId,
      notification.replyId,
      notification.excerpt,
    ],
  );
  return toRow(rows[0]!);
}

export async function findNotifications(db: Queryable, userId: string, before: string | null, limit: number): Promise<NotificationRow[]> {
  const { rows } = await db.query<NotificationColumns>(
    `SELECT n.*, u.display_name AS actor_name
       FROM notifications n
       JOIN users u ON u.id = n.actor_id
       JOIN memberships m ON m.group_id = n.group_id AND m.user_id = n.user_id
      WHERE n.user_id = $1 AND ($2::bigint IS NULL OR n.id < $2::bigint)
      ORDER BY n.id DESC LIMIT $3`,
    [userId, before, limit],
  );
  return rows.map(toRow);
}

export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n
       JOIN memberships m ON m.group_id = n.group_id AND m.user_id = n.user_id
      WHERE n.user_id = $1 AND n.read_at IS NULL`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}

/** Marks one of the user's notifications read; false when it is not theirs (or not there). */
export async function markNotificationRead(db: Queryable, userId: string, id: string): Promise<boolean> {
  const { rows } = await db.query('UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId]);
  return rows.length === 1;
}

export async function markAllNotificationsRead(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
}
