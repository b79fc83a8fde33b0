/**
 * Reads the session cookie and sets `req.actor`: who is asking, for every route after it. A missing,
 * unknown or expired token makes the request anonymous; it is never an error by itself.
 */
import type { SessionRef } from '../auth/live-sessions.ts';
import type { RequestHandler, Response } from 'express';
import { parseCookie } from 'cookie';
import type { Database } from '../db/database.ts';
import { anonymous, type Actor } from '../policies/actor.ts';
import { hashSessionToken, sessionCookieName } from '../auth/session-tokens.ts';
import { findSessionUser } from '../repos/sessions.ts';
import type { OpenedSession } from '../commands/sessions.ts';

declare global {
  // Express's own way to add to its Request type.
  namespace Express {
    interface Request {
      actor: Actor;
      /** The raw session token from the cookie, when the session is valid. */
      sessionToken: string | null;
    }
  }
}

/** The actor of a raw Cookie header: shared by HTTP requests and socket.io handshakes. */
/** The actor a cookie speaks for, and its session (what a live connection must end with). */
export async function actorFromCookieHeader(
  db: Database,
  header: string | undefined,
): Promise<{ actor: Actor; token: string | null; session: SessionRef | null }> {
  const token = header ? parseCookie(header)[sessionCookieName] : undefined;
  if (!token || token.length > 100) return { actor: anonymous, token: null, session: null };
  const tokenHash = hashSessionToken(token);
  const user = await findSessionUser(db, tokenHash);
  if (!user) return { actor: anonymous, token: null, session: null };
  return { actor: { type: 'user', id: user.id, isAdmin: user.isAdmin }, token, session: { tokenHash, userId: user.id, expiresAt: user.sessionExpiresAt } };
}

export function sessionMiddleware(db: Database): RequestHandler {
  return async (req, _res, next) => {
    const { actor, token } = await actorFromCookieHeader(db, req.headers.cookie);
    req.actor = actor;
    req.sessionToken = token;
    next();
  };
}

export function setSessionCookie(res: Response, session: OpenedSession, secure: boolean): void {
  res.cookie(sessionCookieName, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: session.expiresAt });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
