/**
 * One client on a room: the y-websocket protocol. A client may ask for the state (sync step 1), which
 * it gets. In an annotation room, read-only, the state it offers back (step 2) is never applied, since
 * those rooms are written by commands only, and an update it sends closes the connection with a named
 * code. In a commentary room a member's updates and offered state are checked and go through the
 * room's log (stored, then applied); an observer's are refused unless the room holds them already.
 * Awareness is applied only for the client's own entry.
 */
import type WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { closeCodes, maxAwarenessStateBytes, maxClientMessageBytes } from '../../shared/rooms.ts';
import type { Logger } from '../logger.ts';
import { encodeAwareness, encodeSyncStep1, messageAwareness, messageQueryAwareness, messageSync } from './protocol.ts';
import type { Room, RoomConnection } from './room.ts';
import { isEmptyUpdate, isHeldBy, refusalOfCommentaryUpdate } from './commentary-update.ts';
import { MalformedCommentaryError, NotAWriterError } from '../commentary/commentary-log.ts';

type Close = (typeof closeCodes)[keyof typeof closeCodes];

class Refusal extends Error {
  constructor(readonly close: Close) {
    super(close.reason);
  }
}

/** `mayWrite`: whether the connection's person writes the room (a commentary room's member). */
export function serveConnection(room: Room, ws: WebSocket, userId: string, mayWrite: boolean, logger: Logger, onClose: () => void): RoomConnection {
  const connection: RoomConnection = { ws, userId, awarenessClientId: null, mayWrite };
  room.add(connection);
  ws.binaryType = 'arraybuffer';
  ws.send(encodeSyncStep1(room.doc));

  const refuse = (close: Close) => {
    logger.info({ room: room.name, userId, code: close.code }, 'room connection refused a message');
    ws.close(close.code, close.reason);
  };
  ws.on('message', (data: ArrayBuffer | Buffer) => {
    const message = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    try {
      const reply = handleMessage(room, connection, message, refuse);
      if (reply) ws.send(reply);
    } catch (error) {
      refuse(error instanceof Refusal ? error.close : closeCodes.invalidMessage);
    }
  });
  ws.on('close', () => {
    room.remove(connection);
    onClose();
  });
  return connection;
}

function handleMessage(room: Room, connection: RoomConnection, message: Uint8Array, refuse: (close: Close) => void): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  // A stale client's offered state (sync step 2) may be large and is dropped unread; awareness is
  // bounded entry by entry (handleAwareness); anything else is small.
  if (type !== messageSync && type !== messageAwareness && message.byteLength > maxClientMessageBytes) throw new Refusal(closeCodes.messageTooLarge);
  switch (type) {
    case messageSync:
      return handleSync(room, connection, decoder, refuse);
    case messageAwareness:
      handleAwareness(room, connection, decoding.readVarUint8Array(decoder));
      return null;
    case messageQueryAwareness:
      return encodeAwareness(encodeAwarenessUpdate(room.relay.awareness, [...room.relay.awareness.getStates().keys()]));
    default:
      throw new Refusal(closeCodes.invalidMessage);
  }
}

function handleSync(room: Room, connection: RoomConnection, decoder: decoding.Decoder, refuse: (close: Close) => void): Uint8Array | null {
  const subtype = decoding.readVarUint(decoder);
  if (subtype === syncProtocol.messageYjsSyncStep1) {
    const stateVector = decoding.readVarUint8Array(decoder);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    if (Y.decodeStateVector(stateVector).size > 0) syncProtocol.writeSyncStep2(encoder, room.doc, stateVector);
    else {
      // A newcomer holds nothing: the room's whole state, encoded once for all of them.
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, room.fullState());
    }
    return encoding.toUint8Array(encoder);
  }
  const update = decoding.readVarUint8Array(decoder);
  if (room.commentary && (subtype === syncProtocol.messageYjsSyncStep2 || subtype === syncProtocol.messageYjsUpdate)) {
    takeCommentaryUpdate(room.commentary, room, connection, update, refuse);
    return null;
  }
  if (subtype === syncProtocol.messageYjsSyncStep2) {
    // What the client holds is never taken in: a stale copy from an earlier epoch, or anything else.
    return null;
  }
  if (subtype === syncProtocol.messageYjsUpdate) {
    if (update.byteLength > maxClientMessageBytes) throw new Refusal(closeCodes.messageTooLarge);
    if (isEmptyUpdate(update)) return null;
    throw new Refusal(closeCodes.readOnly);
  }
  throw new Refusal(closeCodes.invalidMessage);
}

/**
 * A commentary update, offered live or in sync step 2 after a reconnect (what the client wrote while
 * the server could not hear it): checked, then stored and applied in turn. A failed store closes the
 * connection; the client keeps the change and offers it again when it reconnects.
 */
function takeCommentaryUpdate(log: NonNullable<Room['commentary']>, room: Room, connection: RoomConnection, update: Uint8Array, refuse: (close: Close) => void): void {
  const refusal = refusalOfCommentaryUpdate(update);
  if (refusal) throw new Refusal(refusal);
  if (!connection.mayWrite) {
    // An observer's provider offers back its copy on every (re)connect: harmless when the room has it.
    if (isHeldBy(room.doc, update)) return;
    throw new Refusal(closeCodes.commentaryReadOnly);
  }
  if (isEmptyUpdate(update)) return;
  log.accept(update, connection.userId).catch((error: unknown) =>
    refuse(
      error instanceof NotAWriterError
        ? closeCodes.commentaryReadOnly
        : error instanceof MalformedCommentaryError
          ? closeCodes.malformedCommentary
          : closeCodes.updateNotStored,
    ),
  );
}

/**
 * Applies an awareness update that speaks only for this connection's own client id. The official
 * provider echoes the entries of others it has received; an echo carries a clock the room already
 * has, changes nothing, and is let through. A newer clock for an entry that is not the connection's
 * own is an attempt to speak for someone else: refused.
 */
/**
 * Applies the connection's own awareness entry, and nothing else. The official provider sends back
 * every entry it learns of (an echo): in a lecture hall that is the whole room, so an echo may be
 * large, but it is skipped unread (its clock is not newer than the room's) and only the client's own
 * entry, bounded in size, is parsed and applied.
 */
function handleAwareness(room: Room, connection: RoomConnection, update: Uint8Array): void {
  const { awareness } = room.relay;
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  // At most every entry the room knows of, and the client's own.
  if (count > awareness.meta.size + 1) throw new Refusal(closeCodes.messageTooLarge);
  const own = encoding.createEncoder();
  let owned = 0;
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarUint8Array(decoder); // the UTF-8 of the state's JSON, unread as yet
    const known = awareness.meta.get(clientId);
    if (clientId !== connection.awarenessClientId) {
      if (known !== undefined) {
        if (clock <= known.clock) continue; // an echo
        throw new Refusal(closeCodes.foreignAwareness);
      }
      // A client id the room has never seen: the connection's own, if it has none yet.
      if (connection.awarenessClientId !== null || room.claimedClientIds.has(clientId)) throw new Refusal(closeCodes.foreignAwareness);
      connection.awarenessClientId = clientId;
      room.claimedClientIds.add(clientId);
    }
    if (state.byteLength > maxAwarenessStateBytes) throw new Refusal(closeCodes.messageTooLarge);
    const json = new TextDecoder('utf-8', { fatal: true }).decode(state);
    JSON.parse(json); // the state must at least be JSON
    encoding.writeVarUint(own, clientId);
    encoding.writeVarUint(own, clock);
    encoding.writeVarString(own, json);
    owned += 1;
  }
  if (owned === 0) return;
  const filtered = encoding.createEncoder();
  encoding.writeVarUint(filtered, owned);
  encoding.writeUint8Array(filtered, encoding.toUint8Array(own));
  applyAwarenessUpdate(awareness, encoding.toUint8Array(filtered), connection);
}
