/**
 * Named versions of a commentary ("after session 3"): the room's whole state saved under a name, read
 * back as ProseMirror JSON, compared with the commentary as it is now, and restored as a new change.
 *
 * Content is always read from a copy of a state, never from the room's own doc: y-prosemirror drops
 * (deletes) what does not fit the schema as it reads, and the room's doc is written only through its log.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { Node } from 'prosemirror-model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import type { CommentaryComparison, CommentaryVersionRecord, CommentaryVersionSummary } from '../../shared/commentary.ts';
import { commentarySchema } from '../../shared/commentary-schema.ts';
import { commentaryLines, type CommentaryJson } from '../../shared/commentary-text.ts';
import { commentaryFragment } from '../../shared/rooms.ts';
import { wordDiff } from '../../shared/word-diff.ts';
import type { Database } from '../db/database.ts';
import type { CommentaryRoomKey } from '../repos/commentary.ts';
import { findCommentaryVersion, insertCommentaryVersion, type CommentaryVersionRow } from '../repos/commentary-versions.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { Room } from '../rooms/room.ts';
import { commentaryDocOf } from './commentary-state.ts';

export const presentCommentaryVersion = (row: CommentaryVersionRow): CommentaryVersionSummary => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdBy,
});

/** The commentary in a state, as ProseMirror JSON. */
export function contentOf(state: Uint8Array): CommentaryJson {
  const doc = commentaryDocOf(state);
  try {
    return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(commentaryFragment), commentarySchema).toJSON() as CommentaryJson;
  } finally {
    doc.destroy();
  }
}

async function openRoom(rooms: RoomRegistry, key: CommentaryRoomKey): Promise<Room & { commentary: NonNullable<Room['commentary']> }> {
  const room = await rooms.open({ type: 'commentary', groupId: key.groupId, documentId: key.documentId });
  if (!room.commentary) throw new Error(`${room.name} is not a commentary room`);
  return room as Room & { commentary: NonNullable<Room['commentary']> };
}

/** The room's state after every update accepted so far (the room is opened, from storage, if need be). */
export async function currentCommentaryState(rooms: RoomRegistry, key: CommentaryRoomKey): Promise<Uint8Array> {
  const room = await openRoom(rooms, key);
  return room.commentary.exclusive(() => Y.encodeStateAsUpdate(room.doc));
}

export async function saveCommentaryVersion(db: Database, rooms: RoomRegistry, key: CommentaryRoomKey, name: string, actorId: string): Promise<CommentaryVersionRecord> {
  const state = await currentCommentaryState(rooms, key);
  const id = randomUUID();
  await insertCommentaryVersion(db, { ...key, id, name, state, createdBy: actorId });
  const saved = await findCommentaryVersion(db, key, id);
  return { ...presentCommentaryVersion(saved!), content: contentOf(state) };
}

export async function compareWithNow(rooms: RoomRegistry, key: CommentaryRoomKey, version: CommentaryVersionRow & { state: Uint8Array }): Promise<CommentaryComparison> {
  const then = commentaryLines(contentOf(version.state)).join('\n');
  const now = commentaryLines(contentOf(await currentCommentaryState(rooms, key))).join('\n');
  return { version: presentCommentaryVersion(version), parts: wordDiff(then, now) };
}

/**
 * Makes the commentary read as the version did, by one change made on top of the current state (the
 * smallest y-prosemirror finds), stored and broadcast like any member's: open editors see it live,
 * and what was written since the version stays in the log and in later versions.
 */
export async function restoreCommentaryVersion(rooms: RoomRegistry, key: CommentaryRoomKey, versionState: Uint8Array, actorId: string): Promise<CommentaryJson> {
  const room = await openRoom(rooms, key);
  const restored = Node.fromJSON(commentarySchema, contentOf(versionState));
  const update = await room.commentary.exclusive(() => {
    const scratch = commentaryDocOf(Y.encodeStateAsUpdate(room.doc));
    let change: Uint8Array | null = null;
    scratch.on('update', (encoded: Uint8Array) => (change = encoded));
    scratch.transact(() => prosemirrorToYXmlFragment(restored, scratch.getXmlFragment(commentaryFragment)));
    scratch.destroy();
    return change as Uint8Array | null;
  });
  if (update) await room.commentary.accept(update, actorId);
  return restored.toJSON() as CommentaryJson;
}
