/**
 * The door to the Yjs rooms: `/yjs/<room name>` on the app's HTTP server. Everything is checked
 * before the WebSocket handshake completes, so a refused client never receives a Yjs message:
 * a foreign Origin (403), no valid session (401), a room the policy does not grant or that names
 * nothing (403). Other upgrade paths are socket.io's (which leaves the rest alone) or nobody's.
 */
import type { LiveSessions, SessionRef } from '../auth/live-sessions.ts';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { closeCodes, parseRoomName, yjsPathPrefix, type RoomName } from '../../shared/rooms.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { actorFromCookieHeader } from '../middleware/session.ts';
import { mayReadRoom, mayWriteRoom } from './room-access.ts';
import type { RoomRegistry } from './room-registry.ts';

/** The largest frame ws accepts at all; what a room keeps is bounded much lower (shared/rooms.ts). */
const maxFrameBytes = 16 * 1024 * 1024;

export function serveRooms(httpServer: HttpServer, db: Database, registry: RoomRegistry, logger: Logger, live: LiveSessions): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/socket.io/')) return;
    if (!path.startsWith(yjsPathPrefix)) return refuse(socket, 404, 'No WebSocket service here');
    void admit(req, decodeURIComponent(path.slice(yjsPathPrefix.length)))
      .then(async (admission) => {
        if (admission.type === 'refused') return refuse(socket, admission.status, admission.message);
        // Loaded before the handshake completes: no client message can arrive before the state is there.
        const room = await registry.open(admission.room);
        wss.handleUpgrade(req, socket, head, (ws) => {
          registry.serve(room, ws, admission.session.userId, admission.mayWrite);
          // The connection ends with the session that let it in (sign-out, password change, expiry).
          const forget = live.track(admission.session, () => ws.close(closeCodes.sessionEnded.code, closeCodes.sessionEnded.reason));
          ws.on('close', forget);
        });
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'room upgrade failed');
        refuse(socket, 503, 'The room could not be opened; try again');
      });
  });

  type Admission = { type: 'admitted'; room: RoomName; session: SessionRef; mayWrite: boolean } | { type: 'refused'; status: number; message: string };

  async function admit(req: IncomingMessage, name: string): Promise<Admission> {
    if (!isSameOrigin(req)) return { type: 'refused', status: 403, message: 'Connections from other sites are refused' };
    const { actor, session } = await actorFromCookieHeader(db, req.headers.cookie);
    if (actor.type === 'anonymous' || !session) return { type: 'refused', status: 401, message: 'Sign in first' };
    const room = parseRoomName(name);
    if (!room || !(await mayReadRoom(db, actor, room))) return { type: 'refused', status: 403, message: 'You may not open this room' };
    return { type: 'admitted', room, session, mayWrite: await mayWriteRoom(db, actor, room) };
  }

}

/** Browsers always send Origin on WebSocket handshakes; tools that send none are not browsers. */
function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, message: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}
