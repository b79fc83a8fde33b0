/**
 * The outbox: commands not yet acknowledged, kept in IndexedDB so that a command written offline
 * survives a reload and is sent when the connection returns. Each entry is keyed by its commandId,
 * which makes resending safe (the server applies a command once).
 */
import type { Command } from '../../shared/annotations.ts';
import { databaseOpener } from './indexed-db.ts';

export interface OutboxEntry {
  commandId: string;
  /** Which page the command belongs to: `<groupId>/<documentId>`. */
  scope: string;
  command: Command;
  queuedAt: string;
}

const databaseName = 'marginalia';
const storeName = 'outbox';

// Without IndexedDB the outbox lives in memory only.
const open = databaseOpener(databaseName, 'The outbox', (db) => db.createObjectStore(storeName, { keyPath: 'commandId' }));

const memory = new Map<string, OutboxEntry>();

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  return open().then(
    (db) =>
      new Promise((resolve) => {
        if (!db) return resolve(null);
        const request = act(db.transaction(storeName, mode).objectStore(storeName));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => {
          console.warn(`The outbox could not be written: ${String(request.error)}`);
          resolve(null);
        };
      }),
  );
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  memory.set(entry.commandId, entry);
  await run('readwrite', (store) => store.put(entry));
}

export async function removeOutboxEntry(commandId: string): Promise<void> {
  memory.delete(commandId);
  await run('readwrite', (store) => store.delete(commandId));
}

/** The entries of one page, oldest first. */
export async function listOutbox(scope: string): Promise<OutboxEntry[]> {
  const stored = (await run('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>)) ?? [...memory.values()];
  return stored.filter((entry) => entry.scope === scope).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}
