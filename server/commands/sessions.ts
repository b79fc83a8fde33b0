/** Opening and closing sessions; the cookie itself is the routes' business. */
import type { Database, Queryable } from '../db/database.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hashSessionToken, newSessionToken, sessionLifetimeMs } from '../auth/session-tokens.ts';
import { forbidden, invalidCredentials } from '../errors.ts';
import { deleteExpiredSessions, deleteOtherSessions, deleteSession, insertSession } from '../repos/sessions.ts';
import { findUserByEmail, findUserById, updateUserPasswordHash, type UserRow } from '../repos/users.ts';

export interface OpenedSession {
  token: string;
  expiresAt: Date;
}

export async function openSession(db: Queryable, userId: string): Promise<OpenedSession> {
  const { token, tokenHash } = newSessionToken();
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await insertSession(db, { tokenHash, userId, expiresAt });
  return { token, expiresAt };
}

/** Signs in; unknown email and wrong password fail alike, in message and in time. */
export async function signIn(db: Database, email: string, password: string): Promise<{ user: UserRow; session: OpenedSession }> {
  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !matches) throw invalidCredentials();
  await deleteExpiredSessions(db); // sessions that ran out are forgotten as new ones begin
  return { user, session: await openSession(db, user.id) };
}

export async function signOut(db: Database, token: string): Promise<void> {
  await deleteSession(db, hashSessionToken(token));
}

/** Changes the password and ends the user's other sessions: a stolen session dies with the old password. */
export async function changePassword(
  db: Database,
  input: { userId: string; currentToken: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(db, input.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw forbidden('The current password is not correct');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUserPasswordHash(tx, user.id, passwordHash);
    await deleteOtherSessions(tx, user.id, hashSessionToken(input.currentToken));
  });
}
