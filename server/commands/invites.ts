/** Invite links: made and revoked by owners, accepted by anyone signed in who holds the token. */
import type { Role } from '../../shared/accounts.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize } from '../policies/can.ts';
import { newInviteToken } from '../auth/session-tokens.ts';
import { inviteUnusable, notFound } from '../errors.ts';
import { findRole, insertMembership } from '../repos/groups.ts';
import { findInviteByToken, findInvites, insertInvite, revokeInvite as revokeInviteRow, useInvite, type InviteRow } from '../repos/invites.ts';
import { enforce } from '../policies/enforce.ts';

type UserActor = Extract<Actor, { type: 'user' }>;

export async function createInvite(
  db: Database,
  actor: UserActor,
  groupId: string,
  input: { role: Role; expiresAt: Date | null; maxUses: number | null },
): Promise<InviteRow> {
  enforce(authorize(actor, 'group.manageInvites', { type: 'group', role: await findRole(db, groupId, actor.id) }));
  return insertInvite(db, { groupId, token: newInviteToken(), createdBy: actor.id, ...input });
}

export async function listInvites(db: Database, actor: UserActor, groupId: string): Promise<InviteRow[]> {
  enforce(authorize(actor, 'group.manageInvites', { type: 'group', role: await findRole(db, groupId, actor.id) }));
  return findInvites(db, groupId);
}

export async function revokeInvite(db: Database, actor: UserActor, groupId: string, inviteId: string): Promise<void> {
  enforce(authorize(actor, 'group.manageInvites', { type: 'group', role: await findRole(db, groupId, actor.id) }));
  if (!(await revokeInviteRow(db, groupId, inviteId))) throw notFound('The invite');
}

export function isInviteUsable(invite: InviteRow, now = new Date()): boolean {
  return (
    invite.revokedAt === null &&
    (invite.expiresAt === null || invite.expiresAt > now) &&
    (invite.maxUses === null || invite.uses < invite.maxUses)
  );
}

/**
 * Joins the invite's group with the invite's role. A person already in the group keeps their role
 * and uses up nothing. Returns the group id and whether the person joined now.
 */
export async function acceptInvite(db: Database, actor: UserActor, token: string): Promise<{ groupId: string; joined: boolean }> {
  return db.transaction(async (tx) => {
    const invite = await findInviteByToken(tx, token);
    if (!invite) throw notFound('The invite');
    if ((await findRole(tx, invite.groupId, actor.id)) !== null) return { groupId: invite.groupId, joined: false };
    if (!(await useInvite(tx, invite.id))) throw inviteUnusable();
    await insertMembership(tx, { groupId: invite.groupId, userId: actor.id, role: invite.role });
    return { groupId: invite.groupId, joined: true };
  });
}
