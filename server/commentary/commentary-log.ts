/**
 * The write path of a commentary room. Every update is appended to `yjs_updates` and only then
 * applied to the room's Y.Doc, whose update event broadcasts it: what a client has seen broadcast is
 * durable. Updates are handled one at a time per room, in the order they arrived, so that the log's
 * order is the order in which readers received them.
 *
 * When the log after the snapshot passes a bound, the room's whole state becomes the new snapshot and
 * the updates it holds are deleted, in one transaction. This is sound because this process is the
 * room's only writer (docs/commentary.md): the doc holds exactly the snapshot plus every stored update.
 */
import * as Y from 'yjs';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { deleteYjsUpdatesUpTo, insertYjsUpdate, upsertCommentarySnapshot, type CommentaryRoomKey } from '../repos/commentary.ts';
import type { LoadedCommentary } from './commentary-state.ts';
import { shapeErrorAfter } from './commentary-shape.ts';

/** The tail compacted once it holds this many updates or bytes, whichever comes first. */
export const compactionBound = { updates: 500, bytes: 1024 * 1024 } as const;

/** Refused by the log: the author may no longer write the commentary (their role changed meanwhile). */
export class NotAWriterError extends Error {
  constructor() {
    super('the author may not write this commentary');
  }
}

/** Refused by the log: the update would leave the commentary in a shape no editor can read (commentary-shape.ts). */
export class MalformedCommentaryError extends Error {}

/** The origin of updates applied by the log: clients' and restores alike, all stored first. */
export const storedOrigin = Symbol('stored commentary update');

export interface CommentaryLog {
  /**
   * Stores the update, then applies it. Resolves false, storing nothing, when the room already holds
   * all of it (a reconnecting client offers back what it had); rejects with NotAWriterError when its
   * author may not write here now, and with the database's error when it could not be stored.
   */
  accept(update: Uint8Array, authorId: string): Promise<boolean>;
  /** Runs `read` after every update accepted so far, before any later one: a consistent state. */
  exclusive<T>(read: () => T | Promise<T>): Promise<T>;
}

/**
 * `mayWrite` is asked before each update is stored: a connection is let in with the role its person
 * had then, and a member made an observer, or removed, must not write on through it.
 */
export function createCommentaryLog(
  db: Database,
  key: CommentaryRoomKey,
  loaded: LoadedCommentary,
  logger: Logger,
  mayWrite: (authorId: string) => Promise<boolean>,
): CommentaryLog {
  const { doc } = loaded;
  const tail = { ...loaded.tail };
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  }

  async function compact(): Promise<void> {
    const state = Y.encodeStateAsUpdate(doc);
    const upTo = tail.lastUpdateId;
    await db.transaction(async (tx) => {
      await upsertCommentarySnapshot(tx, key, state, upTo);
      await deleteYjsUpdatesUpTo(tx, key, upTo);
    });
    logger.info({ ...key, updates: tail.count, bytes: tail.bytes, snapshotBytes: state.byteLength }, 'commentary compacted');
    tail.count = 0;
    tail.bytes = 0;
  }

  return {
    exclusive,
    accept(update, authorId) {
      return exclusive(async () => {
        if (Y.snapshotContainsUpdate(Y.snapshot(doc), update)) return false;
        if (!(await mayWrite(authorId))) throw new NotAWriterError();
        // Checked on a copy before it is stored: a stored update that breaks the document, or fails to
        // apply, would break every later opening of the room.
        const problem = shapeErrorAfter(doc, update);
        if (problem) throw new MalformedCommentaryError(problem);
        tail.lastUpdateId = await insertYjsUpdate(db, key, update, authorId);
        tail.count += 1;
        tail.bytes += update.byteLength;
        Y.applyUpdate(doc, update, storedOrigin);
        if (tail.count >= compactionBound.updates || tail.bytes >= compactionBound.bytes) {
          // The update is stored either way; a failed compaction is tried again after the next one.
          await compact().catch((error: unknown) => logger.warn({ err: error, ...key }, 'commentary compaction failed'));
        }
        return true;
      });
    },
  };
}
