/**
 * The live connections of each session: socket.io sockets and Yjs room connections. They were let in
 * by a session cookie at their handshake and would otherwise outlive it, so a connection ends with
 * its session: at sign-out, when a password change ends the other sessions, and at expiry.
 */
export interface SessionRef {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
}

export interface LiveSessions {
  /** Calls `end` when the session ends; the returned function forgets the connection (it closed). */
  track(session: SessionRef, end: () => void): () => void;
  endSession(tokenHash: string): void;
  /** Ends every session of the user but `keepTokenHash` (a password change keeps its own tab). */
  endOtherSessions(userId: string, keepTokenHash: string): void;
  close(): void;
}

/** How often connections of expired sessions are looked for; a session lasts days, so a minute is close. */
const expirySweepMs = 60_000;

export function createLiveSessions(): LiveSessions {
  const live = new Set<{ session: SessionRef; end: () => void }>();
  const endWhere = (ended: (session: SessionRef) => boolean) => {
    for (const entry of [...live]) {
      if (!ended(entry.session)) continue;
      live.delete(entry);
      entry.end();
    }
  };
  const sweep = setInterval(() => endWhere((session) => session.expiresAt.getTime() <= Date.now()), expirySweepMs);
  sweep.unref();
  return {
    track(session, end) {
      const entry = { session, end };
      live.add(entry);
      return () => void live.delete(entry);
    },
    endSession: (tokenHash) => endWhere((session) => session.tokenHash === tokenHash),
    endOtherSessions: (userId, keepTokenHash) => endWhere((session) => session.userId === userId && session.tokenHash !== keepTokenHash),
    close: () => clearInterval(sweep),
  };
}
