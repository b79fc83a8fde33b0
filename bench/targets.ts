/**
 * The two things a fan-out is measured on, behind one interface: Marginalia's server, written by a
 * member's create commands over socket.io, and the reference relay, written by a provider that sets a
 * plain Y.Map entry of about the same size. Either way `write()` returns the record's key, and the
 * time it was sent is taken just before it leaves.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createCommand, openWriter } from './commands.ts';
import { now, sleep } from './clock.ts';

export interface Target {
  label: 'ours' | 'reference';
  url: string;
  roomName: string;
  readerCookies: string[];
  openWriter(): Promise<RecordWriter>;
}

export interface RecordWriter {
  /** Sends one record; `sentAt` is taken just before it leaves. */
  write(): { key: string; sentAt: number; done: Promise<boolean> };
  close(): void;
}

const body = 'Compare the Reykjavik transcript: the phrasing here is softer than in the memorandum of conversation.';

export function marginaliaTarget(options: { url: string; roomName: string; groupId: string; documentId: string; text: string; writerCookie: string; readerCookies: string[] }): Target {
  return {
    label: 'ours',
    url: options.url,
    roomName: options.roomName,
    readerCookies: options.readerCookies,
    async openWriter() {
      const writer = await openWriter(options.url, options.writerCookie);
      return {
        write() {
          const command = createCommand(options.text, options.groupId, options.documentId, body);
          const sentAt = now();
          const done = writer.send(command).then((result) => result.ok, () => false);
          return { key: command.annotationId, sentAt, done };
        },
        close: () => writer.close(),
      };
    },
  };
}

export function referenceTarget(options: { url: string; roomName: string }): Target {
  return {
    label: 'reference',
    url: options.url,
    roomName: options.roomName,
    readerCookies: [],
    async openWriter() {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`${options.url.replace(/^http/, 'ws')}/yjs`, options.roomName, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      provider.awareness.setLocalState(null);
      const deadline = Date.now() + 10_000;
      while (!provider.synced && Date.now() < deadline) await sleep(20);
      if (!provider.synced) throw new Error('the reference writer did not sync in 10 s');
      const annotations = doc.getMap('annotations');
      return {
        write() {
          const key = randomUUID();
          const record = {
            id: key, kind: 'comment', body, tags: ['bench'], status: 'open', isHidden: false, visibility: 'group',
            authorId: randomUUID(), authorName: 'Writer 0', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
            selectors: { position: { type: 'TextPositionSelector', start: 1000, end: 1040 }, quote: { type: 'TextQuoteSelector', exact: 'x'.repeat(40), prefix: 'p'.repeat(32), suffix: 's'.repeat(32) } },
          };
          const sentAt = now();
          annotations.set(key, record);
          return { key, sentAt, done: Promise.resolve(true) };
        },
        close() {
          provider.destroy();
          doc.destroy();
        },
      };
    },
  };
}
