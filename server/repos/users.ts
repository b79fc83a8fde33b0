/** All SQL about users. */
import type { Queryable } from '../db/database.ts';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  isAdmin: boolean;
}

interface UserColumns {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_admin: boolean;
}

const columns = 'id, email, display_name, password_hash, is_admin';

const toUserRow = (row: UserColumns): UserRow => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin,
});

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Inserts a user; returns null when the email is taken (the caller must not say so). */
export async function insertUser(
  db: Queryable,
  user: { email: string; displayName: string; passwordHash: string },
): Promise<UserRow | null> {
  const { rows } = await db.query<UserColumns>(
    `INSERT INTO users (email, email_normalized, display_name, password_hash)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (email_normalized) DO NOTHING
     RETURNING ${columns}`,
    [user.email.trim(), normalizeEmail(user.email), user.displayName, user.passwordHash],
  );
  return rows[0] ? toUserRow(rows[0]) : null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserColumns>(`SELECT ${columns} FROM users WHERE email_normalized = $1`, [normalizeEmail(email)]);
  return rows[0] ? toUserRow(rows[0]) : null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserColumns>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUserRow(rows[0]) : null;
}

export async function updateUserDisplayName(db: Queryable, id: string, displayName: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserColumns>(
    `UPDATE users SET display_name = $2, updated_at = now() WHERE id = $1 RETURNING ${columns}`,
    [id, displayName],
  );
  return rows[0] ? toUserRow(rows[0]) : null;
}

export async function updateUserPasswordHash(db: Queryable, id: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
}

export async function setUserAdmin(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET is_admin = true WHERE id = $1', [id]);
}
