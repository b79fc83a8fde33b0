/**
 * Who is signed in, as the pages see it. The cookie is httpOnly, so the user is learnt from
 * GET /api/session once at start and then from the answers of sign-in, sign-up, sign-out and name changes;
 * listeners (the header, the socket) follow every change.
 *
 * What is kept for reading offline (docs/offline.md) is the signed-in person's: it is deleted when they
 * sign out, and when someone signs in, all but that person's own cached layers are deleted, with every
 * cached API answer (the service worker keeps those, client/sw.ts).
 */
import type { UserRecord } from '../../shared/accounts.ts';
import { fetchSession, patchMe, postSignIn, postSignOut, postSignUp } from './accounts-api.ts';
import type { ApiResult } from './api.ts';
import { keepLayersOf } from './layer-cache.ts';

export type SessionState = { type: 'unknown' } | { type: 'signed-out' } | { type: 'signed-in'; user: UserRecord };
type Listener = (state: SessionState) => void;

let state: SessionState = { type: 'unknown' };
const listeners = new Set<Listener>();
let loading: Promise<SessionState> | null = null;

export function currentSession(): SessionState {
  return state;
}

/** The session once known: the first call asks the server, later calls answer at once. */
export function loadSession(): Promise<SessionState> {
  if (state.type !== 'unknown') return Promise.resolve(state);
  loading ??= fetchSession().then((result) => {
    // A visitor is answered {user: null}. A failure (server unreachable) is treated as signed out, and the page says so when it matters.
    const user = result.type === 'ok' ? result.value.user : null;
    setState(user ? { type: 'signed-in', user } : { type: 'signed-out' });
    return state;
  });
  return loading;
}

/** Calls `listener` now and on every change; returns the unsubscribe. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

export async function signIn(input: { email: string; password: string }): Promise<ApiResult<UserRecord>> {
  return startSession(await postSignIn(input));
}

export async function signUp(input: { name: string; email: string; password: string }): Promise<ApiResult<UserRecord>> {
  return startSession(await postSignUp(input));
}

export async function renameMe(name: string): Promise<ApiResult<UserRecord>> {
  return adopt(await patchMe({ name }));
}

export async function signOut(): Promise<ApiResult<void>> {
  const result = await postSignOut();
  if (result.type === 'ok') {
    setState({ type: 'signed-out' });
    await forgetOfflineCopies(null);
  }
  return result;
}

/**
 * A new session: the state changes first (so that no open room saves the previous person's copy after
 * this), then what was cached for others goes, before the caller moves on to a page that caches anew.
 */
async function startSession(result: ApiResult<UserRecord>): Promise<ApiResult<UserRecord>> {
  adopt(result);
  if (result.type !== 'ok') return result;
  await forgetOfflineCopies(result.value.id);
  // Asked only so that the service worker keeps this session's answer: the pages already know it
  // and will not ask before the next full load, which may be the one made offline.
  void fetchSession();
  return result;
}

function adopt(result: ApiResult<UserRecord>): ApiResult<UserRecord> {
  if (result.type === 'ok') setState({ type: 'signed-in', user: result.value });
  return result;
}

/** How long a sign-in or sign-out waits for the service worker to forget its copies. */
const forgetTimeoutMs = 2000;

/** Deletes the cached layers of everyone but `keptUserId` (all with null) and the cached API answers. */
async function forgetOfflineCopies(keptUserId: string | null): Promise<void> {
  await Promise.all([keepLayersOf(keptUserId), forgetCachedAnswers()]);
}

/** Asks the service worker, if there is one, to delete its cached API answers, and waits for it to say so. */
async function forgetCachedAnswers(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const worker = registration?.active;
  if (!worker) return; // no worker, nothing cached
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      console.warn('The service worker did not confirm that it deleted its cached answers.');
      resolve();
    }, forgetTimeoutMs);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage({ type: 'forget-answers' }, [channel.port2]);
  });
}

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener(state);
}
