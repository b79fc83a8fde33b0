/**
 * The service worker (built on its own to /sw.js, see vite.config.ts): what lets a page reloaded
 * without the network open at all. It keeps
 * - the app shell: the last index.html and the bundles it names, in `marginalia-shell-<build>`. The
 *   page is fetched from the network first and the cached copy served only when that fails; bundles
 *   (content-hashed, never changed under their name) from the cache first. Installing precaches the
 *   bundles of the current index.html, so that a first visit, whose bundles loaded before any worker
 *   ran, is covered too. Activating deletes the shells of other builds.
 * - the API answers the reader page needs (the session, the document, the group), in
 *   `marginalia-api`: network first, the cached answer when the network fails. Installing fetches
 *   them for the reader pages already open, which asked before any worker ran. They are the
 *   signed-in person's: the page asks for them to be deleted when someone signs out or in
 *   (services/session.ts), and an answer that refuses (4xx) deletes the copy it would have replaced.
 * The seminar's layer itself is kept by the page, in IndexedDB (services/layer-cache.ts).
 *
 * Only GET requests to this origin are answered from a cache; errors are never cached. This file
 * imports nothing: it must not share a chunk with the app.
 */

// The few service-worker types this file uses (the project's TypeScript lib is the DOM's, which
// lacks them; the WebWorker lib cannot be loaded beside it).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly { readonly url: string }[]>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}
declare const self: WorkerScope;

/** Replaced at build time by a hash of the build's bundle names (vite.config.ts), so that each build installs anew. */
const build = '__MARGINALIA_BUILD__';
const shellPrefix = 'marginalia-shell-';
const shellCache = `${shellPrefix}${build}`;
const answersCache = 'marginalia-api';
/** The key under which the page's HTML is kept: every route of the app is the same index.html. */
const shellKey = '/';

/** The API answers the reader page reads before it can show anything (document/group-reader-page.ts). */
const readerAnswers = [/^\/api\/session$/, /^\/api\/documents\/[^/]+$/, /^\/api\/groups\/[^/]+$/];
const readerPage = /^\/groups\/([^/]+)\/documents\/([^/]+)\/?$/;

/** The answers a reader page at `path` reads, as it asks for them; none for other pages. */
function answersOfPage(path: string): string[] {
  const [, groupId, documentId] = readerPage.exec(path) ?? [];
  return groupId && documentId ? ['/api/session', `/api/documents/${documentId}`, `/api/groups/${groupId}`] : [];
}

/**
 * Raised by each request to forget the answers: an answer fetched before it (with the previous
 * person's cookie) is not cached after it.
 */
let forgetting = 0;

self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([precacheShell(), precacheOpenReaders()]).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOtherShells().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && !isApiPath(url.pathname)) event.respondWith(pageFirstFromNetwork(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(bundleFromCache(request));
  else if (readerAnswers.some((pattern) => pattern.test(url.pathname))) event.respondWith(answerFirstFromNetwork(request));
  // Anything else goes to the network as if there were no worker.
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type !== 'forget-answers') return;
  forgetting += 1;
  event.waitUntil(caches.delete(answersCache).then(() => event.ports[0]?.postMessage('forgotten')));
});

async function precacheShell(): Promise<void> {
  const page = await fetch(shellKey, { cache: 'no-cache' });
  if (!page.ok) throw new Error(`the page answered ${page.status}: nothing to precache`);
  const cache = await caches.open(shellCache);
  await cache.addAll(bundleUrls(await page.clone().text()));
  await cache.put(shellKey, page);
}

/**
 * Fetches (and so caches) the answers of the reader pages open now: a page's first visit asks for
 * them before any worker runs, and without them a reload offline would have its layer but no page.
 * Best effort: a failure costs that offline copy, not the installation.
 */
async function precacheOpenReaders(): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const paths = new Set(windows.flatMap((client) => answersOfPage(new URL(client.url).pathname)));
  const fetched = await Promise.allSettled([...paths].map((path) => answerFirstFromNetwork(new Request(path, { headers: { accept: 'application/json' } }))));
  for (const result of fetched) if (result.status === 'rejected') console.warn(`An answer could not be cached: ${String(result.reason)}`);
}

/** The bundles an index.html names: vite writes them as `src="/assets/…"` and `href="/assets/…"`. */
function bundleUrls(html: string): string[] {
  return [...new Set([...html.matchAll(/\s(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? ''))];
}

async function deleteOtherShells(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(shellPrefix) && name !== shellCache).map((name) => caches.delete(name)));
}

async function pageFirstFromNetwork(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.startsWith('text/html')) {
      await (await caches.open(shellCache)).put(shellKey, response.clone());
    }
    return response;
  } catch (error) {
    return (await caches.match(shellKey, { cacheName: shellCache })) ?? Promise.reject(error);
  }
}

async function bundleFromCache(request: Request): Promise<Response> {
  const cache = await caches.open(shellCache);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function answerFirstFromNetwork(request: Request): Promise<Response> {
  const asked = forgetting;
  try {
    const response = await fetch(request);
    if (asked === forgetting) {
      const cache = await caches.open(answersCache);
      if (response.ok) await cache.put(request, response.clone());
      // Refused now (signed out, no longer a member, gone): the old answer is not to be shown either.
      else if (response.status >= 400 && response.status < 500) await cache.delete(request);
    }
    return response;
  } catch (error) {
    // The page's request and the worker's own (precacheOpenReaders) differ in headers only.
    return (await caches.match(request, { cacheName: answersCache, ignoreVary: true })) ?? Promise.reject(error);
  }
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export {};
