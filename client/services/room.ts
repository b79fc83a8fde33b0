/**
 * A room's Y.Doc through the official y-websocket provider, read-only: the server writes the
 * annotation and reply records, the client only reads them (a write would close the connection with
 * 4403). The provider's awareness carries this person's presence.
 *
 * A copy that predates a rebuild of the room (two epoch keys in `meta`, see shared/rooms.ts) is
 * dropped: the provider and doc are destroyed and a fresh pair connects.
 *
 * A room may be opened before the page that shows it has its listeners (so that its connection runs
 * while the page still fetches the document); `listen` attaches them, and tells them at once of a
 * state they missed.
 *
 * The room's last synced state is kept for the signed-in person (layer-cache.ts), saved a second after
 * the server's last change and when the page goes, and applied to the first copy while it waits for
 * its first sync: a page reloaded offline shows the layer it last showed. The connection does not wait
 * for the cache; once the server has answered, the cache is never applied, and a cached copy of an
 * earlier build of the room is dropped like any stale copy. The server never takes in what a client
 * offers (rooms/connection.ts), so offering cached content to it changes nothing there.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import { closeCodes, isStaleCopy, roomMaps } from '../../shared/rooms.ts';
import { forgetLayer, layerCacheOrigin, readLayer, writeLayer } from './layer-cache.ts';
import { currentSession, loadSession } from './session.ts';

export type RoomStatus = 'connecting' | 'connected' | 'disconnected' | 'closed';

export interface RoomHandle {
  readonly name: string;
  /** The same array until the annotations change, so unchanged records can be recognised cheaply. */
  annotations(): AnnotationRecord[];
  /** The same array until the replies change. */
  replies(): ReplyRecord[];
  /** The current provider's awareness (it changes when a stale copy is replaced). */
  awareness(): WebsocketProvider['awareness'];
  status(): RoomStatus;
  isSynced(): boolean;
  /** Attaches the page's listeners (replacing earlier ones); a close already seen is told at once. */
  listen(listeners: RoomListeners): void;
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
const ignore: RoomListeners = { onChange: () => {}, onStatus: () => {}, onAwarenessReplaced: () => {} };
/** Saving encodes the whole room: once a burst of changes has settled, not once per change… */
const saveDelayMs = 1000;
/** …but a lively room may never pause for a second: no later than this after its first unsaved change. */
const saveMaxDelayMs = 10_000;

export function openRoom(name: string, initial: RoomListeners = ignore): RoomHandle {
  let listeners = initial;
  let doc: Y.Doc;
  let provider: WebsocketProvider;
  let status: RoomStatus = 'connecting';
  let closedDetail: string | null = null;
  let isDestroyed = false;
  let annotations: AnnotationRecord[] | null = null;
  let replies: ReplyRecord[] | null = null;
  // Whose copy this is, for the cache: the session is usually known by the time the room syncs.
  const owner = loadSession().then((session) => (session.type === 'signed-in' ? session.user.id : null));
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let unsavedSince = 0;
  /** Whether the current copy has synced once: from then on it holds the server's state, connected or not. */
  let hasServerState = false;

  function connect(): void {
    doc = new Y.Doc();
    annotations = null;
    replies = null;
    hasServerState = false;
    // No BroadcastChannel: each tab reads the server's state, never another tab's copy.
    provider = new WebsocketProvider(serverUrl(), name, doc, { disableBc: true, maxBackoffTime: 5000 });
    // The client never writes the doc, so the provider's handler, which sends local updates to the
    // server, would never send anything; but while any `update` listener is attached, Yjs encodes
    // every transaction for it, the whole room (megabytes) when it syncs. Nothing listens to it.
    doc.off('update', provider._updateHandler);
    const current = provider;
    // The records are read once per change of their map, not once per read.
    doc.getMap(roomMaps.annotations).observe(() => (annotations = null));
    doc.getMap(roomMaps.replies).observe(() => (replies = null));
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (current !== provider || transaction.changed.size === 0) return;
      if (isStaleCopy(doc.getMap(roomMaps.meta).keys())) {
        replace();
        return;
      }
      if (hasServerState) scheduleSave();
      listeners.onChange();
    });
    current.on('status', ({ status: next }) => {
      if (current !== provider) return;
      status = next;
      listeners.onStatus(status, null);
    });
    current.on('sync', (isSynced: boolean) => {
      if (current !== provider) return;
      if (isSynced) {
        hasServerState = true;
        scheduleSave();
      }
      listeners.onChange();
    });
    current.on('closed', (event) => {
      // A permanent close (4401 access revoked, 4403 …): the provider stops reconnecting.
      if (current !== provider) return;
      status = 'closed';
      closedDetail = event.reason || `closed (${event.code})`;
      listeners.onStatus(status, closedDetail);
      // No longer this person's to read: nor is the copy kept of it.
      if (event.code === closeCodes.accessRevoked.code) void owner.then((id) => (id ? forgetLayer(id, name) : undefined));
    });
  }

  /** Applies the cached state to the first copy, unless the server has answered by then. */
  function applyCachedCopy(): void {
    const copy = provider;
    void owner
      .then((id) => (id ? readLayer(id, name) : null))
      .then((state) => {
        if (!state || isDestroyed || copy !== provider || hasServerState) return;
        Y.applyUpdate(doc, state, layerCacheOrigin);
      });
  }

  function scheduleSave(): void {
    if (!saveTimer) unsavedSince = Date.now();
    else if (Date.now() - unsavedSince >= saveMaxDelayMs) return; // the pending save runs as planned
    else clearTimeout(saveTimer);
    saveTimer = setTimeout(save, saveDelayMs);
  }

  /** Saves the state now, if a save is due and the copy holds the server's state (not a cache alone). */
  function save(): void {
    if (!saveTimer) return;
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!hasServerState) return;
    const state = Y.encodeStateAsUpdate(doc);
    void owner.then((id) => {
      // Whoever signed out since (or another who signed in) does not get this copy back.
      const session = currentSession();
      if (id && session.type === 'signed-in' && session.user.id === id) return writeLayer(id, name, state);
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
  applyCachedCopy();
  window.addEventListener('pagehide', save);

  return {
    name,
    annotations: () => (annotations ??= Object.values(doc.getMap(roomMaps.annotations).toJSON()) as AnnotationRecord[]),
    replies: () => (replies ??= Object.values(doc.getMap(roomMaps.replies).toJSON()) as ReplyRecord[]),
    awareness: () => provider.awareness,
    status: () => status,
    isSynced: () => provider.synced,
    listen(next) {
      listeners = next;
      if (status === 'closed') listeners.onStatus(status, closedDetail);
    },
    destroy() {
      save();
      window.removeEventListener('pagehide', save);
      isDestroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
}
