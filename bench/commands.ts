/**
 * Writers: socket.io clients that send annotation commands with their member's cookie, and the
 * commands they send (creates on random passages of the document, with selectors described on its
 * canonical text as the client would describe a selection).
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import type { CommandResult } from '../shared/annotations.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/realtime.ts';
import { describeRange } from '../shared/selectors.ts';

export interface CommandWriter {
  send(command: Record<string, unknown>, timeoutMs?: number): Promise<CommandResult>;
  close(): void;
}

export async function openWriter(url: string, cookie: string): Promise<CommandWriter> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket.io did not connect in 10 s')), 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return {
    send: (command, timeoutMs = 10_000) => socket.timeout(timeoutMs).emitWithAck('command', command),
    close: () => socket.disconnect(),
  };
}

/**
 * A create command on a random passage of `length.min`–`length.max` characters (20–80 unless told),
 * starting and ending on a word; `start` picks where it begins instead of at random.
 */
export function createCommand(
  text: string,
  groupId: string,
  documentId: string,
  body: string,
  passage: { min?: number; max?: number; start?: number; kind?: string; tags?: string[] } = {},
): Record<string, unknown> & { annotationId: string } {
  const min = passage.min ?? 20;
  const max = passage.max ?? 80;
  let start = passage.start ?? Math.floor(Math.random() * (text.length - 200));
  while (start < text.length && !/\w/.test(text[start]!)) start += 1;
  let end = Math.min(text.length, start + min + Math.floor(Math.random() * (max - min)));
  while (end > start + 1 && !/\w/.test(text[end - 1]!)) end -= 1;
  return {
    type: 'annotation.create',
    commandId: randomUUID(),
    annotationId: randomUUID(),
    target: { type: 'group', groupId },
    documentId,
    kind: passage.kind ?? 'comment',
    selectors: describeRange(text, start, end),
    body,
    tags: passage.tags ?? ['bench'],
  };
}
