/** All SQL about sessions. Tokens are never stored, only their hashes. */
import type { Queryable } from '../db/database.ts';
import type { UserRow } from './users.ts';

export async function insertSession(db: Queryable, session: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    session.tokenHash,
    session.userId,
    session.expiresAt,
  ]);
}

/** The user of a live session; an expired session is as good as none. */
export async function findSessionUser(
  db: Queryable,
  tokenHash: string,
): Promise<(Pick<UserRow, 'id' | 'isAdmin' | 'displayName'> & { sessionExpiresAt: Date }) | null> {
  const { rows } = await db.query<{ id: string; is_admin: boolean; display_name: string; expires_at: Date }>(
    `SELECT u.id, u.is_admin, u.display_name, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  );
  const row = rows[0];
  return row ? { id: row.id, isAdmin: row.is_admin, displayName: row.display_name, sessionExpiresAt: row.expires_at } : null;
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a user but the one given (a password change keeps its own tab signed in). */
export async function deleteOtherSessions(db: Queryable, userId: string, keepTokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [userId, keepTokenHash]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at <= now()');
}
