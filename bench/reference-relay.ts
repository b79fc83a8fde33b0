/**
 * The bare reference: the y-websocket protocol as its own example server serves it, on y-protocols,
 * with nothing else: no auth, no database, no validation, no batching. Any client may write; each
 * doc update and each awareness update is relayed to every connection of the room at once. What it
 * costs is the floor Marginalia's rooms are compared with.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';

const messageSync = 0;
const messageAwareness = 1;
const messageQueryAwareness = 3;

interface RelayRoom {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  /** Each connection and the awareness client ids it has set. */
  connections: Map<WebSocket, Set<number>>;
}

export interface ReferenceRelay {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startReferenceRelay(): Promise<ReferenceRelay> {
  const rooms = new Map<string, RelayRoom>();
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server });

  const roomOf = (name: string): RelayRoom => {
    const existing = rooms.get(name);
    if (existing) return existing;
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const room: RelayRoom = { doc, awareness, connections: new Map() };
    const broadcast = (message: Uint8Array) => {
      for (const ws of room.connections.keys()) if (ws.readyState === ws.OPEN) ws.send(message);
    };
    doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeUpdate(encoder, update);
      broadcast(encoding.toUint8Array(encoder));
    });
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const ids = room.connections.get(origin as WebSocket);
      if (ids) {
        for (const id of added) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageAwareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      broadcast(encoding.toUint8Array(encoder));
    });
    rooms.set(name, room);
    return room;
  };

  wss.on('connection', (ws, req) => {
    const room = roomOf((req.url ?? '/').slice(1).split('?')[0] ?? '');
    ws.binaryType = 'arraybuffer';
    room.connections.set(ws, new Set());
    ws.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const encoder = encoding.createEncoder();
      const type = decoding.readVarUint(decoder);
      if (type === messageSync) {
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.readSyncMessage(decoder, encoder, room.doc, ws);
        if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
      } else if (type === messageAwareness) {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), ws);
      } else if (type === messageQueryAwareness) {
        encoding.writeVarUint(encoder, messageAwareness);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]));
        ws.send(encoding.toUint8Array(encoder));
      }
    });
    ws.on('close', () => {
      const ids = room.connections.get(ws);
      room.connections.delete(ws);
      if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], null);
    });
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, messageSync);
    syncProtocol.writeSyncStep1(step1, room.doc);
    ws.send(encoding.toUint8Array(step1));
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageAwareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
      ws.send(encoding.toUint8Array(encoder));
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const room of rooms.values()) {
        room.awareness.destroy();
        room.doc.destroy();
      }
    },
  };
}
