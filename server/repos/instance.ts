/** The instance row: who signed up first, and which group is the demo seminar. */
import type { Queryable } from '../db/database.ts';

/** Claims "first account" for `userId` if nobody has; true when this user is the first. */
export async function claimFirstUser(db: Queryable, userId: string): Promise<boolean> {
  const { rows } = await db.query<{ id: number }>(
    'UPDATE instance SET first_user_id = $1 WHERE id = 1 AND first_user_id IS NULL RETURNING id',
    [userId],
  );
  return rows.length === 1;
}

export async function findFirstUserId(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ first_user_id: string | null }>('SELECT first_user_id FROM instance WHERE id = 1');
  return rows[0]?.first_user_id ?? null;
}

/** With `lock`, holds the instance row until the transaction ends, so the demo is made once. */
export async function findDemoGroupId(db: Queryable, options: { lock?: boolean } = {}): Promise<string | null> {
  const { rows } = await db.query<{ demo_group_id: string | null }>(
    `SELECT demo_group_id FROM instance WHERE id = 1${options.lock ? ' FOR UPDATE' : ''}`,
  );
  return rows[0]?.demo_group_id ?? null;
}

export async function setDemoGroupId(db: Queryable, groupId: string): Promise<void> {
  await db.query('UPDATE instance SET demo_group_id = $1 WHERE id = 1', [groupId]);
}
