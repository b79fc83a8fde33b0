/**
 * The rooms' states kept across reloads, so that a page reloaded without the network still shows the
 * layer it showed last (docs/offline.md). Each record is one room's Y.Doc as the server last sent it
 * (`Y.encodeStateAsUpdate`, the server's own records and tombstones, nothing of the client's), keyed
 * by the room's name and by the signed-in person it was read for: a layer is that person's view (their
 * private notes, the hidden bodies they may not see), never shown to someone else.
 *
 * A cached state is only a stand-in until the server answers: room.ts applies it before the first
 * sync and never after, and a state from an earlier build of the room ends like any stale copy (two
 * epochs, see shared/rooms.ts): thrown away, and the room synced afresh.
 *
 * Without IndexedDB (a private window that forbids it) nothing is kept and nothing is read.
 */
import { databaseOpener } from './indexed-db.ts';

/** The origin of the transaction that applies a cached state, so that it is never taken for the server's. */
export const layerCacheOrigin = { type: 'layer-cache' } as const;

interface LayerRecord {
  userId: string;
  room: string;
  state: Uint8Array;
  savedAt: string;
}

// A database of its own, not a store beside the outbox's: each opens at its own version.
const databaseName = 'marginalia-layers';
const storeName = 'layers';

const open = databaseOpener(databaseName, 'The layer cache', (db) => db.createObjectStore(storeName, { keyPath: ['userId', 'room'] }));

/** Runs `act` in one transaction; resolves once it has committed (false when it could not run). */
async function transact(mode: IDBTransactionMode, act: (store: IDBObjectStore) => void): Promise<boolean> {
  const db = await open();
  if (!db) return false;
  // A full disk or a profile being cleared costs the offline copy, never the page.
  const warn = (cause: unknown) => console.warn(`The layer cache could not be ${mode === 'readonly' ? 'read' : 'written'}: ${String(cause)}`);
  return new Promise((resolve) => {
    try {
      const transaction = db.transaction(storeName, mode);
      act(transaction.objectStore(storeName));
      transaction.oncomplete = () => resolve(true);
      // A failed request aborts its transaction: one place to hear of every failure.
      transaction.onabort = () => {
        warn(transaction.error);
        resolve(false);
      };
    } catch (error) {
      warn(error);
      resolve(false);
    }
  });
}

/** The state last saved for this person's copy of the room, or null. */
export async function readLayer(userId: string, room: string): Promise<Uint8Array | null> {
  let found: LayerRecord | undefined;
  await transact('readonly', (store) => {
    const request = store.get([userId, room]) as IDBRequest<LayerRecord | undefined>;
    request.onsuccess = () => (found = request.result);
  });
  return found?.state ?? null;
}

export async function writeLayer(userId: string, room: string, state: Uint8Array): Promise<void> {
  const record: LayerRecord = { userId, room, state, savedAt: new Date().toISOString() };
  await transact('readwrite', (store) => store.put(record));
}

export async function forgetLayer(userId: string, room: string): Promise<void> {
  await transact('readwrite', (store) => store.delete([userId, room]));
}

/**
 * Deletes every cached layer except `userId`'s; with null, all of them. Called when someone signs out
 * (null) or in (their own are kept: they are theirs to read again).
 */
export async function keepLayersOf(userId: string | null): Promise<void> {
  await transact('readwrite', (store) => {
    if (userId === null) {
      store.clear();
      return;
    }
    const cursor = store.openCursor();
    cursor.onsuccess = () => {
      const current = cursor.result;
      if (!current) return;
      if ((current.value as LayerRecord).userId !== userId) current.delete();
      current.continue();
    };
  });
}
