/** All SQL about a commentary's named versions. */
import type { Queryable } from '../db/database.ts';
import type { CommentaryRoomKey } from './commentary.ts';

export interface CommentaryVersionRow {
  id: string;
  name: string;
  createdAt: Date;
  createdBy: { id: string; displayName: string };
}

interface Row {
  id: string;
  name: string;
  created_at: Date;
  created_by: string;
  display_name: string;
}

const toVersion = (row: Row): CommentaryVersionRow => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  createdBy: { id: row.created_by, displayName: row.display_name },
});

export async function insertCommentaryVersion(
  db: Queryable,
  version: CommentaryRoomKey & { id: string; name: string; state: Uint8Array; createdBy: string },
): Promise<void> {
  await db.query(
    'INSERT INTO commentary_versions (id, group_id, document_id, name, state, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [version.id, version.groupId, version.documentId, version.name, Buffer.from(version.state), version.createdBy],
  );
}

export async function findCommentaryVersions(db: Queryable, room: CommentaryRoomKey): Promise<CommentaryVersionRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT v.id, v.name, v.created_at, v.created_by, u.display_name
       FROM commentary_versions v JOIN users u ON u.id = v.created_by
      WHERE v.group_id = $1 AND v.document_id = $2
      ORDER BY v.created_at DESC, v.id`,
    [room.groupId, room.documentId],
  );
  return rows.map(toVersion);
}

export async function countCommentaryVersions(db: Queryable, room: CommentaryRoomKey): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM commentary_versions WHERE group_id = $1 AND document_id = $2', [
    room.groupId,
    room.documentId,
  ]);
  return rows[0]!.n;
}

/** The version with its state, when it belongs to this room. */
export async function findCommentaryVersion(db: Queryable, room: CommentaryRoomKey, id: string): Promise<(CommentaryVersionRow & { state: Uint8Array }) | null> {
  const { rows } = await db.query<Row & { state: Uint8Array }>(
    `SELECT v.id, v.name, v.created_at, v.created_by, u.display_name, v.state
       FROM commentary_versions v JOIN users u ON u.id = v.created_by
      WHERE v.id = $1 AND v.group_id = $2 AND v.document_id = $3`,
    [id, room.groupId, room.documentId],
  );
  const row = rows[0];
  return row ? { ...toVersion(row), state: row.state } : null;
}
