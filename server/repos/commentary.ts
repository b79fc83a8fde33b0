/** All SQL about a commentary's stored state: its update log (`yjs_updates`) and its snapshot. */
import type { Queryable } from '../db/database.ts';

export interface CommentaryRoomKey {
  groupId: string;
  documentId: string;
}

export interface StoredCommentary {
  snapshot: Uint8Array | null;
  /** The updates after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The id of the last update in the state (folded into the snapshot or in `updates`), 0 when none. */
  lastUpdateId: number;
  /** How many bytes the updates after the snapshot hold. */
  tailBytes: number;
}

/** `pg` answers bytea as a Buffer, PGlite as a Uint8Array; Yjs reads either. */
const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

export async function findStoredCommentary(db: Queryable, room: CommentaryRoomKey): Promise<StoredCommentary> {
  const snapshots = await db.query<{ state: Uint8Array; up_to: string }>(
    'SELECT state, up_to FROM commentary_snapshots WHERE group_id = $1 AND document_id = $2',
    [room.groupId, room.documentId],
  );
  const snapshot = snapshots.rows[0] ?? null;
  const upTo = snapshot ? Number(snapshot.up_to) : 0;
  const { rows } = await db.query<{ id: string; update: Uint8Array }>(
    'SELECT id, update FROM yjs_updates WHERE group_id = $1 AND document_id = $2 AND id > $3 ORDER BY id',
    [room.groupId, room.documentId, upTo],
  );
  return {
    snapshot: snapshot?.state ?? null,
    updates: rows.map((row) => row.update),
    lastUpdateId: rows.length > 0 ? Number(rows[rows.length - 1]!.id) : upTo,
    tailBytes: rows.reduce((sum, row) => sum + row.update.byteLength, 0),
  };
}

/** Appends one accepted update; answers its id. */
export async function insertYjsUpdate(db: Queryable, room: CommentaryRoomKey, update: Uint8Array, authorId: string): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO yjs_updates (group_id, document_id, update, author_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [room.groupId, room.documentId, bytes(update), authorId],
  );
  return Number(rows[0]!.id);
}

/** Replaces the room's snapshot with `state`, which holds every update up to `upTo`. */
export async function upsertCommentarySnapshot(db: Queryable, room: CommentaryRoomKey, state: Uint8Array, upTo: number): Promise<void> {
  await db.query(
    `INSERT INTO commentary_snapshots (group_id, document_id, state, up_to, created_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (group_id, document_id) DO UPDATE SET state = EXCLUDED.state, up_to = EXCLUDED.up_to, created_at = EXCLUDED.created_at`,
    [room.groupId, room.documentId, bytes(state), upTo],
  );
}

export async function deleteYjsUpdatesUpTo(db: Queryable, room: CommentaryRoomKey, upTo: number): Promise<void> {
  await db.query('DELETE FROM yjs_updates WHERE group_id = $1 AND document_id = $2 AND id <= $3', [room.groupId, room.documentId, upTo]);
}
