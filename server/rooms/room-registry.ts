/**
 * The open rooms of this process. A room opens when its first reader connects, from the rows (a
 * commentary room: from its snapshot and update log), and serves nobody until it has loaded; it closes a while after its last reader leaves. Commands tell
 * the registry what changed after they commit; a room that is loading at that moment gets the change
 * once loaded (setting a record twice is harmless, missing it is not).
 */
import { groupBy } from '../../shared/group-by.ts';
import type WebSocket from 'ws';
import { closeCodes, parseRoomName, roomMaps, roomNameOf, type RoomName } from '../../shared/rooms.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { RoomChange } from '../commands/annotation-commands.ts';
import { serveConnection } from './connection.ts';
import { createRoom, type Room } from './room.ts';
import { loadRoomDoc } from './room-state.ts';
import { mayWriteRoom } from './room-access.ts';
import { createCommentaryLog } from '../commentary/commentary-log.ts';
import { loadCommentaryDoc } from '../commentary/commentary-state.ts';

/** How long an empty room stays open, so that a reload or a reconnect finds it warm. */
const idleCloseMs = 30_000;

export interface RoomRegistry {
  /** The room, loaded (from the rows, if it was not open). Rejects when it cannot be loaded. */
  open(room: RoomName): Promise<Room>;
  /** Serves `ws` on a loaded room, from its first message on; `mayWrite` for a commentary's members. */
  serve(room: Room, ws: WebSocket, userId: string, mayWrite?: boolean): void;
  /** Loads the room and encodes its state ahead of its first reader (rooms/warm-reader-room.ts). */
  warm(room: RoomName): void;
  isOpen(room: RoomName): boolean;
  apply(changes: RoomChange[]): Promise<void>;
  /**
   * Closes every room on the document, its readers told why: the text they hold is no longer the
   * current version. The next reader opens the room afresh from the rows.
   */
  closeDocumentRooms(documentId: string): Promise<void>;
  /** Closes this user's connections to the group's rooms: they are no longer a member. */
  revokeGroupAccess(groupId: string, userId: string): void;
  close(): Promise<void>;
}

export function createRoomRegistry(db: Database, logger: Logger): RoomRegistry {
  const rooms = new Map<string, { ready: Promise<Room>; idleTimer: NodeJS.Timeout | null }>();

  function open(room: RoomName): Promise<Room> {
    const name = roomNameOf(room);
    const existing = rooms.get(name);
    if (existing) return existing.ready;
    const ready = loadRoom(room, name).then((opened) => {
      // Armed at once, so that a room whose reader never arrives (a failed handshake) closes too.
      queueMicrotask(() => closeWhenIdle(opened));
      return opened;
    });
    const entry = { ready, idleTimer: null };
    rooms.set(name, entry);
    ready.catch(() => rooms.delete(name)); // a failed load is retried by the next reader
    return ready;
  }

  async function loadRoom(room: RoomName, name: string): Promise<Room> {
    if (room.type === 'commentary') {
      const loaded = await loadCommentaryDoc(db, room);
      logger.info({ room: name, updates: loaded.tail.count }, 'room opened');
      // The administrator has no powers inside a seminar: the policy needs only the person's id here.
      const mayWrite = (authorId: string) => mayWriteRoom(db, { type: 'user', id: authorId, isAdmin: false }, room);
      return createRoom(name, room, loaded.doc, createCommentaryLog(db, room, loaded, logger, mayWrite));
    }
    const doc = await loadRoomDoc(db, room);
    logger.info({ room: name, annotations: doc.getMap(roomMaps.annotations).size }, 'room opened');
    return createRoom(name, room, doc);
  }

  /** Closes the room after a quiet while, unless a reader is there by then. */
  function closeWhenIdle(room: Room): void {
    const entry = rooms.get(room.name);
    if (!entry) return;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      if (room.connections.size > 0) return;
      rooms.delete(room.name);
      room.destroy();
      logger.info({ room: room.name }, 'room closed');
    }, idleCloseMs);
    entry.idleTimer.unref();
  }

  return {
    open,

    serve(room, ws, userId, mayWrite = false) {
      if (!rooms.has(room.name)) {
        // Closed while the handshake finished: the client reconnects to a fresh one.
        ws.close(closeCodes.unavailable.code, closeCodes.unavailable.reason);
        return;
      }
      serveConnection(room, ws, userId, mayWrite, logger, () => closeWhenIdle(room));
    },

    warm(room) {
      open(room).then(
        (opened) => opened.fullState(),
        (error: unknown) => logger.warn({ err: error, room: roomNameOf(room) }, 'room could not be warmed'),
      );
    },

    isOpen: (room) => rooms.has(roomNameOf(room)),

    async apply(changes) {
      // One transaction per room, so that a batch reaches each reader as one update.
      const byRoom = groupBy(changes, (change) => roomNameOf(change.room));
      for (const [name, roomChanges] of byRoom) {
        const entry = rooms.get(name);
        if (!entry) continue; // nobody reads it: it will load from the rows
        const room = await entry.ready.catch(() => null);
        if (!room) continue;
        room.doc.transact(() => {
          for (const change of roomChanges) {
            const map = room.doc.getMap(change.map);
            if (change.record === null) map.delete(change.id);
            else map.set(change.id, change.record);
          }
        });
      }
    },

    revokeGroupAccess(groupId, userId) {
      for (const entry of rooms.values()) {
        void entry.ready.then((room) => {
          if (room.room.type === 'private' || room.room.groupId !== groupId) return;
          for (const connection of room.connections) {
            if (connection.userId === userId) connection.ws.close(closeCodes.accessRevoked.code, closeCodes.accessRevoked.reason);
          }
        }, () => undefined);
      }
    },

    async closeDocumentRooms(documentId) {
      // A commentary does not hang on the text's offsets (its citations carry quotes): it stays open.
      const closing = [...rooms].filter(([name]) => {
        const room = parseRoomName(name);
        return room?.documentId === documentId && room.type !== 'commentary';
      });
      for (const [name, entry] of closing) {
        // Out of the registry first, so that a reader arriving meanwhile loads the new rows.
        if (rooms.get(name) === entry) rooms.delete(name);
        const room = await entry.ready.catch(() => null);
        if (!room) continue;
        if (entry.idleTimer) clearTimeout(entry.idleTimer);
        for (const connection of room.connections) connection.ws.close(closeCodes.documentRevised.code, closeCodes.documentRevised.reason);
        room.destroy();
        logger.info({ room: name }, 'room closed: new document version');
      }
    },

    async close() {
      for (const entry of rooms.values()) {
        if (entry.idleTimer) clearTimeout(entry.idleTimer);
        const room = await entry.ready.catch(() => null);
        if (!room) continue;
        for (const connection of room.connections) connection.ws.terminate();
        room.destroy();
      }
      rooms.clear();
    },
  };
}
