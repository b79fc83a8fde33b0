/**
 * Opening one of the page's IndexedDB databases, once per page. Where IndexedDB is missing or refused
 * (a private window that forbids it) the answer is null, which each caller takes for "keep nothing
 * here": the page works on without what it would have kept.
 */
export function databaseOpener(name: string, what: string, createStores: (db: IDBDatabase) => void): () => Promise<IDBDatabase | null> {
  let opening: Promise<IDBDatabase | null> | null = null;
  return () =>
    (opening ??= new Promise((resolve) => {
      if (typeof indexedDB === 'undefined') return resolve(null);
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => createStores(request.result);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        console.warn(`${what} is unavailable: ${String(request.error)}`);
        resolve(null);
      };
    }));
}
