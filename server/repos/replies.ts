/** All SQL about replies. */
import type { Queryable } from '../db/database.ts';

export interface ReplyRow {
  id: string;
  annotationId: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  isHidden: boolean;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
}

interface ReplyColumns {
  id: string;
  annotation_id: string;
  parent_id: string | null;
  author_id: string;
  author_name: string;
  body: string;
  is_hidden: boolean;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  edited_at: Date | null;
}

const columns = `r.id, r.annotation_id, r.parent_id, r.author_id, u.display_name AS author_name, r.body, r.is_hidden,
  r.deleted_at, r.created_at, r.updated_at, r.edited_at`;

const toRow = (row: ReplyColumns): ReplyRow => ({
  id: row.id,
  annotationId: row.annotation_id,
  parentId: row.parent_id,
  authorId: row.author_id,
  authorName: row.author_name,
  body: row.body,
  isHidden: row.is_hidden,
  deletedAt: row.deleted_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  editedAt: row.edited_at,
});

/** Inserts and returns the row as `findReply` would read it, in one round trip. */
export async function insertReply(
  db: Queryable,
  reply: Pick<ReplyRow, 'id' | 'annotationId' | 'parentId' | 'authorId' | 'body'> & { via?: string | null },
): Promise<ReplyRow> {
  const { rows } = await db.query<ReplyColumns>(
    `WITH r AS (INSERT INTO replies (id, annotation_id, parent_id, author_id, body, w3c_via) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
     SELECT ${columns} FROM r JOIN users u ON u.id = r.author_id`,
    [
    reply.id,
    reply.annotationId,
    reply.parentId,
    reply.authorId,
    reply.body,
    reply.via ?? null,
    ],
  );
  return toRow(rows[0]!);
}

export async function findReply(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<ReplyRow | null> {
  const { rows } = await db.query<ReplyColumns>(
    `SELECT ${columns} FROM replies r JOIN users u ON u.id = r.author_id WHERE r.id = $1${options.lock ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export async function findRepliesOf(db: Queryable, annotationIds: string[]): Promise<ReplyRow[]> {
  if (annotationIds.length === 0) return [];
  const { rows } = await db.query<ReplyColumns>(
    `SELECT ${columns} FROM replies r JOIN users u ON u.id = r.author_id
      WHERE r.annotation_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
    [annotationIds],
  );
  return rows.map(toRow);
}

/** Whether anything not deleted still answers the annotation, or the reply when `parentId` is given. */
export async function hasLiveReplies(db: Queryable, of: { annotationId: string } | { parentId: string }): Promise<boolean> {
  const { rows } =
    'annotationId' in of
      ? await db.query('SELECT 1 FROM replies WHERE annotation_id = $1 AND deleted_at IS NULL LIMIT 1', [of.annotationId])
      : await db.query('SELECT 1 FROM replies WHERE parent_id = $1 AND deleted_at IS NULL LIMIT 1', [of.parentId]);
  return rows.length > 0;
}

/** Applies the changes and returns the row as it now stands, in one round trip. */
export async function updateReply(db: Queryable, id: string, changes: { body?: string; isHidden?: boolean; deleted?: boolean }): Promise<ReplyRow> {
  const { rows } = await db.query<ReplyColumns>(
    `WITH r AS (UPDATE replies SET body = coalesce($2, body), is_hidden = coalesce($3, is_hidden),
       edited_at = CASE WHEN $2::text IS NOT NULL THEN now() ELSE edited_at END,
       deleted_at = CASE WHEN $4::boolean THEN coalesce(deleted_at, now()) ELSE deleted_at END, updated_at = now()
     WHERE id = $1 RETURNING *)
     SELECT ${columns} FROM r JOIN users u ON u.id = r.author_id`,
    [id, changes.body ?? null, changes.isHidden ?? null, changes.deleted ?? false],
  );
  return toRow(rows[0]!);
}
