/** All SQL about invite links. */
import type { Role } from '../../shared/accounts.ts';
import type { Queryable } from '../db/database.ts';

export interface InviteRow {
  id: string;
  groupId: string;
  token: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  revokedAt: Date | null;
}

interface InviteColumns {
  id: string;
  group_id: string;
  token: string;
  role: Role;
  created_at: Date;
  expires_at: Date | null;
  max_uses: number | null;
  uses: number;
  revoked_at: Date | null;
}

const columns = 'id, group_id, token, role, created_at, expires_at, max_uses, uses, revoked_at';

const toInviteRow = (row: InviteColumns): InviteRow => ({
  id: row.id,
  groupId: row.group_id,
  token: row.token,
  role: row.role,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  maxUses: row.max_uses,
  uses: row.uses,
  revokedAt: row.revoked_at,
});

export async function insertInvite(
  db: Queryable,
  invite: { groupId: string; token: string; role: Role; createdBy: string; expiresAt: Date | null; maxUses: number | null },
): Promise<InviteRow> {
  const { rows } = await db.query<InviteColumns>(
    `INSERT INTO invites (group_id, token, role, created_by, expires_at, max_uses)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
    [invite.groupId, invite.token, invite.role, invite.createdBy, invite.expiresAt, invite.maxUses],
  );
  return toInviteRow(rows[0]!);
}

export async function findInvites(db: Queryable, groupId: string): Promise<InviteRow[]> {
  const { rows } = await db.query<InviteColumns>(`SELECT ${columns} FROM invites WHERE group_id = $1 ORDER BY created_at DESC, id`, [groupId]);
  return rows.map(toInviteRow);
}

export async function findInviteByToken(db: Queryable, token: string): Promise<InviteRow | null> {
  const { rows } = await db.query<InviteColumns>(`SELECT ${columns} FROM invites WHERE token = $1`, [token]);
  return rows[0] ? toInviteRow(rows[0]) : null;
}

/** Counts one use, if the invite is still usable at this moment; false when it is not. */
export async function useInvite(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE invites SET uses = uses + 1
      WHERE id = $1 AND revoked_at IS NULL
        AND (expires_at IS NULL OR expires_at > now())
        AND (max_uses IS NULL OR uses < max_uses)
      RETURNING id`,
    [id],
  );
  return rows.length === 1;
}

export async function revokeInvite(db: Queryable, groupId: string, id: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE invites SET revoked_at = coalesce(revoked_at, now()) WHERE group_id = $1 AND id = $2 RETURNING id',
    [groupId, id],
  );
  return rows.length === 1;
}
