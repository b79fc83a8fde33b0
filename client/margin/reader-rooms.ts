/**
 * The rooms an annotated reader shows: the seminar's layer (`group/<groupId>/<documentId>`, absent on
 * the plain reader) and this person's private notes (`private/<userId>/<documentId>`). A room's first
 * sync is the largest thing the page waits for, so a page may open its rooms as soon as it knows their
 * names, while it still fetches the document, and hand them to the reader; the reader listens to
 * them from then on and destroys them when it goes.
 */
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import { roomNameOf } from '../../shared/rooms.ts';
import { openRoom, type RoomHandle, type RoomListeners } from '../services/room.ts';

export interface ReaderRooms {
  group: RoomHandle | null;
  own: RoomHandle;
  /** Presence lives on the group's room; on the plain reader, on one's own (where one is alone). */
  presence: RoomHandle;
  /** Each room's records (the same arrays until a room changes). */
  records(): { annotations: AnnotationRecord[]; replies: ReplyRecord[] }[];
  listen(listeners: RoomListeners): void;
  destroy(): void;
}

export const openGroupRoom = (groupId: string, documentId: string): RoomHandle => openRoom(roomNameOf({ type: 'group', groupId, documentId }));

export const openPrivateRoom = (userId: string, documentId: string): RoomHandle => openRoom(roomNameOf({ type: 'private', userId, documentId }));

export function readerRooms(group: RoomHandle | null, own: RoomHandle): ReaderRooms {
  const rooms = group ? [group, own] : [own];
  return {
    group,
    own,
    presence: group ?? own,
    records: () => rooms.map((room) => ({ annotations: room.annotations(), replies: room.replies() })),
    listen(listeners) {
      group?.listen(listeners);
      // Presence is set again only when the room that carries it is replaced.
      own.listen(group ? { ...listeners, onAwarenessReplaced: () => {} } : listeners);
    },
    destroy() {
      group?.destroy();
      own.destroy();
    },
  };
}
