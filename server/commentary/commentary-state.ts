/** Opening a commentary room: its Y.Doc from the stored snapshot plus the updates after it. */
import * as Y from 'yjs';
import { commentaryFragment } from '../../shared/rooms.ts';
import type { Queryable } from '../db/database.ts';
import { findStoredCommentary, type CommentaryRoomKey } from '../repos/commentary.ts';

export interface LoadedCommentary {
  doc: Y.Doc;
  /** What the log holds after the snapshot: compaction folds it in when it grows (commentary-log.ts). */
  tail: { count: number; bytes: number; lastUpdateId: number };
}

export async function loadCommentaryDoc(db: Queryable, room: CommentaryRoomKey): Promise<LoadedCommentary> {
  const stored = await findStoredCommentary(db, room);
  const doc = new Y.Doc();
  doc.getXmlFragment(commentaryFragment); // defined first, so that its items read as a fragment's
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return { doc, tail: { count: stored.updates.length, bytes: stored.tailBytes, lastUpdateId: stored.lastUpdateId } };
}

/** A commentary's content from an encoded state (a snapshot or a named version), in a doc of its own. */
export function commentaryDocOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(commentaryFragment);
  Y.applyUpdate(doc, state);
  return doc;
}
