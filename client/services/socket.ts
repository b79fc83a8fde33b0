/**
 * The one socket.io connection, open while someone is signed in (the server refuses a socket without
 * a session). It keeps the latest presence of each group, because the server sends presence on
 * connect, often before the group page that wants it has rendered.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, GroupPresence, ServerToClientEvents } from '../../shared/realtime.ts';
import { onSessionChange } from './session.ts';

type GroupEvent = { type: 'joined' | 'removed' | 'updated'; groupId: string };
type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | null = null;
let userId: string | null = null;
const presence = new Map<string, string[]>();
const presenceListeners = new Set<(presence: GroupPresence) => void>();
const groupListeners = new Set<(event: GroupEvent) => void>();

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
}
