/**
 * One open room: its Y.Doc (an annotation room's written only by the server, after commits; a
 * commentary room's through its log), its awareness, and the connections reading it. Doc updates go to every connection as they happen; awareness goes through
 * the relay's batching.
 */
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { RoomName } from '../../shared/rooms.ts';
import { createAwarenessRelay, type AwarenessRelay } from './awareness-relay.ts';
import { encodeAwareness, encodeUpdate } from './protocol.ts';
import type { CommentaryLog } from '../commentary/commentary-log.ts';

export interface RoomConnection {
  ws: WebSocket;
  userId: string;
  /** The awareness client id this connection speaks for, once it has said which. */
  awarenessClientId: number | null;
  /** Whether its updates are taken (a member in a commentary room); never in annotation rooms. */
  mayWrite: boolean;
}

export interface Room {
  name: string;
  room: RoomName;
  doc: Y.Doc;
  relay: AwarenessRelay;
  /** A commentary room's write path (server/commentary/commentary-log.ts); null for annotation rooms. */
  commentary: CommentaryLog | null;
  connections: Set<RoomConnection>;
  /** The awareness ids some connection speaks for: no other connection may set them. */
  claimedClientIds: Set<number>;
  /** The whole state as one update, what every newcomer asks for: encoded once per change, not per reader. */
  fullState(): Uint8Array;
  add(connection: RoomConnection): void;
  remove(connection: RoomConnection): void;
  destroy(): void;
}

export function createRoom(name: string, room: RoomName, doc: Y.Doc, commentary: CommentaryLog | null = null): Room {
  const connections = new Set<RoomConnection>();
  const send = (message: Uint8Array) => {
    for (const connection of connections) {
      if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(message);
    }
  };
  let fullState: Uint8Array | null = null;
  const onUpdate = (update: Uint8Array) => {
    fullState = null;
    send(encodeUpdate(update));
  };
  doc.on('update', onUpdate);

  const awareness = new Awareness(doc);
  awareness.setLocalState(null); // the server itself is nobody's presence
  const relay = createAwarenessRelay(awareness, (update) => send(encodeAwareness(update)));
  const claimedClientIds = new Set<number>();

  return {
    name,
    room,
    doc,
    relay,
    commentary,
    connections,
    claimedClientIds,
    fullState: () => (fullState ??= Y.encodeStateAsUpdate(doc)),
    add(connection) {
      connections.add(connection);
      const states = [...awareness.getStates().keys()];
      if (states.length > 0) connection.ws.send(encodeAwareness(encodeAwarenessUpdate(awareness, states)));
    },
    remove(connection) {
      connections.delete(connection);
      if (connection.awarenessClientId !== null) {
        claimedClientIds.delete(connection.awarenessClientId);
        removeAwarenessStates(awareness, [connection.awarenessClientId], connection);
      }
    },
    destroy() {
      doc.off('update', onUpdate);
      relay.destroy();
      doc.destroy();
    },
  };
}
