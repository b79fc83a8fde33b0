/**
 * The group reader's page is requested a third of a second or more before its script opens the
 * seminar's room, and opening a crowded room (its rows read, its state encoded) is the longest thing
 * the page then waits for. So the room starts loading as the page is asked for — for a member only;
 * anyone else's request changes nothing. The page is served at once either way.
 */
import type { RequestHandler } from 'express';
import { parseRoomName } from '../../shared/rooms.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { actorFromCookieHeader } from '../middleware/session.ts';
import { mayReadRoom } from './room-access.ts';
import type { RoomRegistry } from './room-registry.ts';

export function warmReaderRoom(db: Database, rooms: RoomRegistry, logger: Logger): RequestHandler {
  return (req, _res, next) => {
    const room = parseRoomName(`group/${req.params.groupId}/${req.params.documentId}`); // before next() moves on
    next();
    if (!room) return;
    void (async () => {
      const { actor } = await actorFromCookieHeader(db, req.headers.cookie);
      if (actor.type === 'user' && (await mayReadRoom(db, actor, room))) rooms.warm(room);
    })().catch((error: unknown) => logger.warn({ err: error }, 'room not warmed'));
  };
}
