/** All SQL about seminar groups and their members. */
import type { Role } from '../../shared/accounts.ts';
import type { Queryable } from '../db/database.ts';

export interface GroupRow {
  id: string;
  name: string;
  description: string;
}

export interface GroupOfUserRow extends GroupRow {
  role: Role;
  memberCount: number;
}

export interface MemberRow {
  userId: string;
  displayName: string;
  role: Role;
  joinedAt: Date;
}

export async function insertGroup(db: Queryable, group: { name: string; description: string; createdBy: string | null }): Promise<GroupRow> {
  const { rows } = await db.query<GroupRow>(
    'INSERT INTO groups (name, description, created_by) VALUES ($1, $2, $3) RETURNING id, name, description',
    [group.name, group.description, group.createdBy],
  );
  return rows[0]!;
}

export async function findGroup(db: Queryable, id: string): Promise<GroupRow | null> {
  const { rows } = await db.query<GroupRow>('SELECT id, name, description FROM groups WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** The groups a user belongs to, with their role and the member count. */
export async function findGroupsOfUser(db: Queryable, userId: string): Promise<GroupOfUserRow[]> {
  const { rows } = await db.query<GroupRow & { role: Role; member_count: number }>(
    `SELECT g.id, g.name, g.description, m.role,
            (SELECT count(*)::int FROM memberships all_m WHERE all_m.group_id = g.id) AS member_count
       FROM memberships m JOIN groups g ON g.id = m.group_id
      WHERE m.user_id = $1
      ORDER BY g.name, g.id`,
    [userId],
  );
  return rows.map(({ member_count, ...group }) => ({ ...group, memberCount: member_count }));
}

export async function findGroupIdsOfUser(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ group_id: string }>('SELECT group_id FROM memberships WHERE user_id = $1', [userId]);
  return rows.map((row) => row.group_id);
}

/** The role of a user in a group, null when not a member (or when the group does not exist). */
export async function findRole(db: Queryable, groupId: string, userId: string): Promise<Role | null> {
  const { rows } = await db.query<{ role: Role }>('SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2', [groupId, userId]);
  return rows[0]?.role ?? null;
}

export async function findMembers(db: Queryable, groupId: string): Promise<MemberRow[]> {
  const { rows } = await db.query<{ user_id: string; display_name: string; role: Role; joined_at: Date }>(
    `SELECT m.user_id, u.display_name, m.role, m.joined_at
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.group_id = $1
      ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'moderator' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, u.display_name, m.user_id`,
    [groupId],
  );
  return rows.map((row) => ({ userId: row.user_id, displayName: row.display_name, role: row.role, joinedAt: row.joined_at }));
}

/** The ids of a group's members: what presence intersects with who is online. */
export async function findMemberIds(db: Queryable, groupId: string): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>('SELECT user_id FROM memberships WHERE group_id = $1', [groupId]);
  return rows.map((row) => row.user_id);
}

/** Locks the group's memberships for the rest of the transaction and counts its owners. */
export async function lockAndCountOwners(db: Queryable, groupId: string): Promise<number> {
  await db.query('SELECT id FROM groups WHERE id = $1 FOR UPDATE', [groupId]);
  const { rows } = await db.query<{ owners: number }>(
    "SELECT count(*)::int AS owners FROM memberships WHERE group_id = $1 AND role = 'owner'",
    [groupId],
  );
  return rows[0]?.owners ?? 0;
}

/** Adds a member; a person already in the group keeps the role they have. True when added. */
export async function insertMembership(db: Queryable, membership: { groupId: string; userId: string; role: Role }): Promise<boolean> {
  const { rows } = await db.query<{ user_id: string }>(
    `INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (group_id, user_id) DO NOTHING RETURNING user_id`,
    [membership.groupId, membership.userId, membership.role],
  );
  return rows.length === 1;
}

export async function updateMembershipRole(db: Queryable, groupId: string, userId: string, role: Role): Promise<void> {
  await db.query('UPDATE memberships SET role = $3 WHERE group_id = $1 AND user_id = $2', [groupId, userId, role]);
}

export async function deleteMembership(db: Queryable, groupId: string, userId: string): Promise<void> {
  await db.query('DELETE FROM memberships WHERE group_id = $1 AND user_id = $2', [groupId, userId]);
}
