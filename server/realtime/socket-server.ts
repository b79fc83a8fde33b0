/**
 * socket.io on the app's HTTP server. A socket authenticates with the session cookie of its handshake
 * (no valid session: refused), joins `user:<id>` and the rooms of its groups, and hears who in those
 * groups is online. Group commands tell it when someone joins or leaves a group, so sockets follow
 * memberships without reconnecting.
 */
import type { LiveSessions, SessionRef } from '../auth/live-sessions.ts';
import { groupBy } from '../../shared/group-by.ts';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { groupRoom, userRoom, type ClientToServerEvents, type GroupPresence, type ServerToClientEvents } from '../../shared/realtime.ts';
import type { ActivityItem } from '../../shared/notifications.ts';
import type { ImportProgress } from '../../shared/library-import.ts';
import type { TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { createCoalescer } from './coalescer.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { actorFromCookieHeader } from '../middleware/session.ts';
import { findGroupIdsOfUser, findMemberIds } from '../repos/groups.ts';
import { createPresence } from './presence.ts';
import type { ExecuteCommand } from '../commands/execute-command.ts';
import type { Notices } from '../commands/notices.ts';
import { countUnread } from '../repos/notifications.ts';

interface SocketData {
  userId: string;
  isAdmin: boolean;
  session: SessionRef;
}

export interface RealtimeDeps {
  /** Runs an annotation command (commands/execute-command.ts). */
  execute: ExecuteCommand;
  /** A member left or was removed: their Yjs connections to the group's rooms must close. */
  onMemberLeft(groupId: string, userId: string): void;
  /** A socket ends with the session that let it in. */
  live: LiveSessions;
}

const activityWindowMs = 200;

type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What the rest of the server tells the realtime layer, and may ask of it. */
export interface Realtime {
  /** Serves socket.io on this HTTP server; call after the app's request handler is installed. */
  attach(httpServer: HttpServer): void;
  memberJoined(groupId: string, userId: string): Promise<void>;
  memberLeft(groupId: string, userId: string): Promise<void>;
  /** Roles or documents of the group changed: its pages should fetch it again. */
  groupChanged(groupId: string): void;
  /** The group's tag vocabulary changed: its members' composers and margins take the new one. */
  tagsChanged(vocabulary: TagVocabulary): void;
  /** Announces the notifications and activity of a batch of committed commands. */
  publish(batch: Notices[]): void;
  isOnline(userId: string): boolean;
  /** Tells the administrator who uploaded a file, and only them, how its import goes. */
  importProgress(userId: string, progress: ImportProgress): void;
  close(): Promise<void>;
}

export function createRealtime(db: Database, logger: Logger, deps: RealtimeDeps): Realtime {
  const io: IoServer = new Server({
    // Other WebSocket upgrades on this server (the Yjs rooms) must not be closed by socket.io's engine.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
  });
  const presence = createPresence();
  // A busy lecture hall commits hundreds of commands a second: a group hears them as one message per
  // short window, which a feed read by people cannot tell from one message each.
  const activity = createCoalescer<ActivityItem>(activityWindowMs, (items) => {
    for (const [groupId, groupItems] of groupBy(items, (item) => item.groupId)) io.to(groupRoom(groupId)).emit('activity', groupItems);
  });

  io.use(async (socket, next) => {
    try {
      const { actor, session } = await actorFromCookieHeader(db, socket.handshake.headers.cookie);
      if (actor.type === 'anonymous' || !session) return next(new Error('unauthenticated: sign in first'));
      socket.data.userId = actor.id;
      socket.data.isAdmin = actor.isAdmin;
      socket.data.session = session;
      next();
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(new Error('unavailable: try again'));
    }
  });

  async function groupPresence(groupId: string): Promise<GroupPresence> {
    return { groupId, userIds: (await findMemberIds(db, groupId)).filter((id) => presence.isOnline(id)) };
  }

  async function announce(groupIds: string[]): Promise<void> {
    for (const groupId of groupIds) io.to(groupRoom(groupId)).emit('group:presence', await groupPresence(groupId));
  }

  io.on('connection', async (socket) => {
    const { userId, isAdmin } = socket.data;
    socket.on('command', async (payload, ack) => {
      if (typeof ack !== 'function') return; // a command without an acknowledgement could not be told its fate
      try {
        ack(await deps.execute({ type: 'user', id: userId, isAdmin }, payload));
      } catch (error) {
        logger.error({ err: error }, 'command failed');
        ack({ ok: false, error: 'internal_error', message: 'Something went wrong on the server; try again', status: 500 });
      }
    });
    // Counted before any await, so that a socket closing during set-up is uncounted too.
    const cameOnline = presence.connect(userId);
    const forget = deps.live.track(socket.data.session, () => socket.disconnect(true));
    socket.on('disconnect', () => {
      forget();
      if (!presence.disconnect(userId)) return;
      findGroupIdsOfUser(db, userId)
        .then(announce)
        .catch((error: unknown) => logger.warn({ err: error }, 'presence update failed'));
    });
    void socket.join(userRoom(userId));
    // Joining the group rooms needs the database: while it is away, try again until it is back.
    const joinGroups = async (attempt: number): Promise<void> => {
      try {
        const groupIds = await findGroupIdsOfUser(db, userId);
        await socket.join(groupIds.map(groupRoom));
        if (cameOnline) await announce(groupIds);
        else for (const groupId of groupIds) socket.emit('group:presence', await groupPresence(groupId));
      } catch (error) {
        logger.warn({ err: error, attempt }, 'socket could not join its groups yet');
        if (socket.connected && attempt < 30) setTimeout(() => void joinGroups(attempt + 1), 2_000).unref();
      }
    };
    await joinGroups(1);
  });

  return {
    attach(httpServer) {
      io.attach(httpServer);
    },
    async memberJoined(groupId, userId) {
      io.in(userRoom(userId)).socketsJoin(groupRoom(groupId));
      io.to(userRoom(userId)).emit('group:joined', { groupId });
      await announce([groupId]);
    },
    async memberLeft(groupId, userId) {
      deps.onMemberLeft(groupId, userId);
      io.in(userRoom(userId)).socketsLeave(groupRoom(groupId));
      io.to(userRoom(userId)).emit('group:removed', { groupId });
      await announce([groupId]);
    },
    publish(batch) {
      for (const notices of batch) if (notices.activity) activity.add(notices.activity);
      for (const { userId, ...notification } of batch.flatMap((notices) => notices.notifications)) {
        countUnread(db, userId)
          .then((unread) => io.to(userRoom(userId)).emit('notification', { notification, unread }))
          .catch((error: unknown) => logger.warn({ err: error }, 'notification not announced'));
      }
    },
    groupChanged(groupId) {
      io.to(groupRoom(groupId)).emit('group:updated', { groupId });
    },
    tagsChanged(vocabulary) {
      io.to(groupRoom(vocabulary.groupId)).emit('group:tags', vocabulary);
    },
    isOnline: (userId) => presence.isOnline(userId),
    importProgress(userId, progress) {
      io.to(userRoom(userId)).emit('import.progress', progress);
    },
    async close() {
      // The HTTP server is closed by its owner; here only the sockets end.
      activity.flush();
      io.disconnectSockets(true);
    },
  };
}
