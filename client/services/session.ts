/**
 * Who is signed in, as the pages see it. The cookie is httpOnly, so the user is learnt from
 * GET /api/session once at start and then from the answers of sign-in, sign-up, sign-out and name changes;
 * listeners (the header, the socket) follow every change.
 */
import type { UserRecord } from '../../shared/accounts.ts';
import { fetchSession, patchMe, postSignIn, postSignOut, postSignUp } from './accounts-api.ts';
import type { ApiResult } from './api.ts';

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
  return adopt(await postSignIn(input));
}

export async function signUp(input: { name: string; email: string; password: string }): Promise<ApiResult<UserRecord>> {
  return adopt(await postSignUp(input));
}

export async function renameMe(name: string): Promise<ApiResult<UserRecord>> {
  return adopt(await patchMe({ name }));
}

export async function signOut(): Promise<ApiResult<void>> {
  const result = await postSignOut();
  if (result.type === 'ok') setState({ type: 'signed-out' });
  return result;
}

function adopt(result: ApiResult<UserRecord>): ApiResult<UserRecord> {
  if (result.type === 'ok') setState({ type: 'signed-in', user: result.value });
  return result;
}

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener(state);
}
