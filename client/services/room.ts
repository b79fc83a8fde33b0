/**
 * A room's Y.Doc through the official y-websocket provider, read-only: the server writes the
 * annotation and reply records, the client only reads them (a write would close the connection with
 * 4403). The provider's awareness carries this person's presence.
 *
 * A copy that predates a rebuild of the room (two epoch keys in `meta`, see shared/rooms.ts) is
 * dropped: the provider and doc are destroyed and a fresh pair connects.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import { isStaleCopy, roomMaps } from '../../shared/rooms.ts';

export type RoomStatus = 'connecting' | 'connected' | 'disconnected' | 'closed';

export interface RoomHandle {
  readonly name: string;
  annotations(): AnnotationRecord[];
  replies(): ReplyRecord[];
  /** The current provider's awareness (it changes when a stale copy is replaced). */
  awareness(): WebsocketProvider['awareness'];
  status(): RoomStatus;
  isSynced(): boolean;
  destroy(): void;
}

export interface RoomListeners {
  /** The records changed (or the room was replaced). */
  onChange(): void;
  onStatus(status: RoomStatus, detail: string | null): void;
  /** The provider was replaced: presence must be set again on the new awareness. */
  onAwarenessReplaced(): void;
}

const serverUrl = () => `${location.origin.replace(/^http/, 'ws')}/yjs`;

export function openRoom(name: string, listeners: RoomListeners): RoomHandle {
  let doc: Y.Doc;
  let provider: WebsocketProvider;
  let status: RoomStatus = 'connecting';
  let isDestroyed = false;

  function connect(): void {
    doc = new Y.Doc();
    // No BroadcastChannel: each tab reads the server's state, never another tab's copy.
    provider = new WebsocketProvider(serverUrl(), name, doc, { disableBc: true, maxBackoffTime: 5000 });
    const current = provider;
    doc.on('update', () => {
      if (current !== provider) return;
      if (isStaleCopy(doc.getMap(roomMaps.meta).keys())) {
        replace();
        return;
      }
      listeners.onChange();
    });
    current.on('status', ({ status: next }) => {
      if (current !== provider) return;
      status = next;
      listeners.onStatus(status, null);
    });
    current.on('sync', () => {
      if (current === provider) listeners.onChange();
    });
    current.on('closed', (event) => {
      // A permanent close (4401 access revoked, 4403 …): the provider stops reconnecting.
      if (current !== provider) return;
      status = 'closed';
      listeners.onStatus(status, event.reason || `closed (${event.code})`);
    });
  }

  function replace(): void {
    provider.destroy();
    doc.destroy();
    if (isDestroyed) return;
    connect();
    listeners.onAwarenessReplaced();
    listeners.onChange();
  }

  connect();

  return {
    name,
    annotations: () => Object.values(doc.getMap(roomMaps.annotations).toJSON()) as AnnotationRecord[],
    replies: () => Object.values(doc.getMap(roomMaps.replies).toJSON()) as ReplyRecord[],
    awareness: () => provider.awareness,
    status: () => status,
    isSynced: () => provider.synced,
    destroy() {
      isDestroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
}
