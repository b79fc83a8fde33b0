/**
 * A member's real clients, as the browser will have them: the official y-websocket provider on a
 * room (read-only state) and a socket.io connection for commands.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io as connect, type Socket } from 'socket.io-client';
import type { AnnotationRecord, CommandResult, ReplyRecord } from '../../shared/annotations.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime.ts';
import { roomMaps } from '../../shared/rooms.ts';
import { describeRange } from '../../shared/selectors.ts';
import type { TestUser } from './http-client.ts';

export interface RoomClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  annotations(): Map<string, AnnotationRecord>;
  replies(): Map<string, ReplyRecord>;
  /** Resolves once the room's state satisfies `test` (checked on every change). */
  until(test: (client: RoomClient) => boolean, what?: string): Promise<void>;
  /** Resolves with the close event's code when the server closes the connection. */
  closed: Promise<number>;
  destroy(): void;
}

/** The ws class the provider will construct, carrying this person's session cookie. */
function webSocketWithCookie(cookie: string | null): unknown {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  };
}

export function openRoom(baseUrl: string, user: TestUser | null, roomName: string): RoomClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/yjs`, roomName, doc, {
    WebSocketPolyfill: webSocketWithCookie(user?.client.cookie ?? null) as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 200,
    // Providers in one process would otherwise share updates over BroadcastChannel, not through the server.
    disableBc: true,
  });
  let resolveClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    resolveClosed = resolve;
  });
  provider.on('connection-close', (event) => {
    if (event) resolveClosed(event.code);
  });
  const client: RoomClient = {
    doc,
    provider,
    annotations: () => new Map(Object.entries(doc.getMap(roomMaps.annotations).toJSON()) as [string, AnnotationRecord][]),
    replies: () => new Map(Object.entries(doc.getMap(roomMaps.replies).toJSON()) as [string, ReplyRecord][]),
    until(test, what = 'the expected state') {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000);
        const check = () => {
          if (!test(client)) return;
          clearTimeout(timer);
          doc.off('update', check);
          provider.off('sync', check);
          resolve();
        };
        // The provider marks itself synced after applying the state, so both are watched.
        doc.on('update', check);
        provider.on('sync', check);
        check();
      });
    },
    closed,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  return client;
}

export interface CommandClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  send(command: Record<string, unknown>): Promise<CommandResult>;
  /** Sends a command that must apply: a refusal fails the test with the server's message. */
  apply(command: Record<string, unknown>): Promise<void>;
  close(): void;
}

export async function openCommands(baseUrl: string, user: TestUser): Promise<CommandClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(baseUrl, {
    transports: ['websocket'],
    extraHeaders: user.client.cookie ? { cookie: user.client.cookie } : {},
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const send = (command: Record<string, unknown>): Promise<CommandResult> => socket.timeout(10_000).emitWithAck('command', command);
  return {
    socket,
    send,
    async apply(command) {
      const result = await send(command);
      if (!result.ok) throw new Error(`${String(command.type)} was refused: ${result.message}`);
    },
    close: () => socket.disconnect(),
  };
}

/** A create command on a passage of `text`, with fresh ids. */
export function createAnnotationCommand(options: {
  text: string;
  quote: string;
  groupId: string | null;
  documentId: string;
  body?: string;
  kind?: string;
  tags?: string[];
}): Record<string, unknown> & { annotationId: string; commandId: string } {
  const start = options.text.indexOf(options.quote);
  if (start < 0) throw new Error(`the text has no "${options.quote}"`);
  return {
    type: 'annotation.create',
    commandId: randomUUID(),
    annotationId: randomUUID(),
    target: options.groupId ? { type: 'group', groupId: options.groupId } : { type: 'private' },
    documentId: options.documentId,
    kind: options.kind ?? 'comment',
    selectors: describeRange(options.text, start, start + options.quote.length),
    body: options.body ?? 'A comment',
    tags: options.tags ?? [],
  };
}

/** A reply command, with fresh ids; `parentId` for a reply to a reply. */
export function createReplyCommand(options: { annotationId: string; body: string; parentId?: string | null }): Record<string, unknown> & { replyId: string } {
  return { type: 'reply.create', commandId: randomUUID(), replyId: randomUUID(), annotationId: options.annotationId, parentId: options.parentId ?? null, body: options.body };
}
