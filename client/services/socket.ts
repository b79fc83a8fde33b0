/**
 * The one socket.io connection, open while someone is signed in (the server refuses a socket without
 * a session). It keeps the latest presence of each group, because the server sends presence on
 * connect, often before the group page that wants it has rendered.
 */
import { io, type Socket } from 'socket.io-client';
import type { CommandResult } from '../../shared/annotations.ts';
import type { ActivityItem, NotificationRecord } from '../../shared/notifications.ts';
import type { ClientToServerEvents, GroupPresence, ServerToClientEvents } from '../../shared/realtime.ts';
import type { ImportProgress } from '../../shared/library-import.ts';
import type { TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { onSessionChange } from './session.ts';

type GroupEvent = { type: 'joined' | 'removed' | 'updated'; groupId: string };
type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | null = null;
let userId: string | null = null;
const presence = new Map<string, string[]>();
const presenceListeners = new Set<(presence: GroupPresence) => void>();
const groupListeners = new Set<(event: GroupEvent) => void>();
const connectionListeners = new Set<(isConnected: boolean) => void>();
const activityListeners = new Set<(item: ActivityItem) => void>();
const notificationListeners = new Set<(event: { notification: NotificationRecord; unread: number }) => void>();
const importListeners = new Set<(progress: ImportProgress) => void>();

/** How this administrator's uploads are going, one event per document done. */
export function onImportProgress(listener: (progress: ImportProgress) => void): () => void {
  importListeners.add(listener);
  return () => importListeners.delete(listener);
}

const vocabularyListeners = new Set<(vocabulary: TagVocabulary) => void>();

/** A group's tag vocabulary, each time a moderator or the owner changes it. */
export function onTagVocabulary(listener: (vocabulary: TagVocabulary) => void): () => void {
  vocabularyListeners.add(listener);
  return () => vocabularyListeners.delete(listener);
}

/** What is written in any of this user's groups, as it happens. */
export function onActivity(listener: (item: ActivityItem) => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

/** A new notification for this user, with the inbox's new unread count. */
export function onNotification(listener: (event: { notification: NotificationRecord; unread: number }) => void): () => void {
  notificationListeners.add(listener);
  return () => notificationListeners.delete(listener);
}

/** Whether commands can be sent now: a socket is connected and the browser believes it is online. */
export function isSocketConnected(): boolean {
  return socket?.connected === true && navigator.onLine;
}

/** Calls `listener` whenever the socket connects or drops (and when the browser goes on- or offline). */
export function onSocketConnection(listener: (isConnected: boolean) => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** Resolves once the socket is connected (at once if it is), or with false after `timeoutMs`. */
export function whenSocketConnected(timeoutMs: number): Promise<boolean> {
  if (isSocketConnected()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (isConnected: boolean) => {
      clearTimeout(timer);
      stop();
      resolve(isConnected);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const stop = onSocketConnection((isConnected) => {
      if (isConnected) done(true);
    });
  });
}

function announceConnection(): void {
  for (const listener of connectionListeners) listener(isSocketConnected());
}
window.addEventListener('online', announceConnection);
window.addEventListener('offline', announceConnection);

/**
 * Sends an annotation command and waits for its acknowledgement (sent after the commit). `unsent`
 * when there is no connection or no answer came in time: the caller keeps the command and retries
 * it with the same commandId, which the server applies once.
 */
export async function sendCommand(command: unknown, timeoutMs = 10_000): Promise<CommandResult | { ok: 'unsent' }> {
  const current = socket;
  if (!current || !isSocketConnected()) return { ok: 'unsent' };
  try {
    return await current.timeout(timeoutMs).emitWithAck('command', command);
  } catch {
    // A timeout: the command may or may not have been applied; resending it is safe.
    return { ok: 'unsent' };
  }
}

/** Connects whenever a user signs in and disconnects when they sign out. */
export function startSocket(): void {
  onSessionChange((session) => {
    const nextUserId = session.type === 'signed-in' ? session.user.id : null;
    if (nextUserId === userId) return;
    userId = nextUserId;
    close();
    if (nextUserId) open();
  });
}

/** The online members of a group as last heard, or null before the first word from the server. */
export function knownPresence(groupId: string): string[] | null {
  return presence.get(groupId) ?? null;
}

export function onPresence(listener: (presence: GroupPresence) => void): () => void {
  presenceListeners.add(listener);
  return () => presenceListeners.delete(listener);
}

export function onGroupMembership(listener: (event: GroupEvent) => void): () => void {
  groupListeners.add(listener);
  return () => groupListeners.delete(listener);
}

function open(): void {
  // A new socket, so that its handshake carries the cookie of the session that just began.
  const next: AppSocket = io({ path: '/socket.io', withCredentials: true });
  next.on('group:presence', (event) => {
    presence.set(event.groupId, event.userIds);
    for (const listener of presenceListeners) listener(event);
  });
  next.on('group:joined', ({ groupId }) => {
    for (const listener of groupListeners) listener({ type: 'joined', groupId });
  });
  next.on('group:updated', ({ groupId }) => {
    for (const listener of groupListeners) listener({ type: 'updated', groupId });
  });
  next.on('group:removed', ({ groupId }) => {
    presence.delete(groupId);
    for (const listener of groupListeners) listener({ type: 'removed', groupId });
  });
  next.on('activity', (items) => {
    for (const item of items) for (const listener of activityListeners) listener(item);
  });
  next.on('notification', (event) => {
    for (const listener of notificationListeners) listener(event);
  });
  next.on('import.progress', (progress) => {
    for (const listener of importListeners) listener(progress);
  });
  next.on('group:tags', (vocabulary) => {
    for (const listener of vocabularyListeners) listener(vocabulary);
  });
  next.on('connect', announceConnection);
  next.on('disconnect', announceConnection);
  next.on('connect_error', (error) => {
    // A refused handshake (the session ended elsewhere) is not retried by socket.io; a dropped network is.
    if (!next.active) console.warn(`Live updates are off: ${error.message}`);
  });
  socket = next;
}

function close(): void {
  socket?.disconnect();
  socket = null;
  presence.clear();
  announceConnection();
}
