/**
 * Seminar group commands: creating a group, adding a library document, changing a member's role,
 * removing a member (or leaving). Each checks the policy with facts read inside its transaction, so a
 * concurrent change cannot slip past the "last owner" rule.
 */
import type { Role } from '../../shared/accounts.ts';
import type { Database, Queryable } from '../db/database.ts';
import { authorize, type Action } from '../policies/can.ts';
import { enforce } from '../policies/enforce.ts';
import type { Actor } from '../policies/actor.ts';
import { lastOwner, notFound } from '../errors.ts';
import { findDocument } from '../repos/documents.ts';
import { insertGroupDocument } from '../repos/group-documents.ts';
import { deleteMembership, findRole, insertGroup, insertMembership, lockAndCountOwners, updateMembershipRole, type GroupRow } from '../repos/groups.ts';

type UserActor = Extract<Actor, { type: 'user' }>;

export async function createGroup(db: Database, actor: UserActor, input: { name: string; description: string }): Promise<GroupRow> {
  return db.transaction(async (tx) => {
    const group = await insertGroup(tx, { ...input, createdBy: actor.id });
    await insertMembership(tx, { groupId: group.id, userId: actor.id, role: 'owner' });
    return group;
  });
}

export async function addGroupDocument(db: Database, actor: UserActor, groupId: string, documentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    enforce(authorize(actor, 'group.addDocument', { type: 'group', role: await findRole(tx, groupId, actor.id) }));
    if (!(await findDocument(tx, documentId))) throw notFound(`The document "${documentId}"`);
    await insertGroupDocument(tx, { groupId, documentId, addedBy: actor.id });
  });
}

/** Changes a member's role; returns the role they had. */
export async function changeMemberRole(db: Database, actor: UserActor, groupId: string, userId: string, role: Role): Promise<Role> {
  return db.transaction(async (tx) => {
    const { previous } = await checkOnMember(tx, actor, 'membership.changeRole', groupId, userId);
    if (previous === 'owner' && role !== 'owner' && (await lockAndCountOwners(tx, groupId)) <= 1) throw lastOwner();
    await updateMembershipRole(tx, groupId, userId, role);
    return previous;
  });
}

/** Removes a member, or lets a member leave (userId = actor.id). */
export async function removeMember(db: Database, actor: UserActor, groupId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await checkOnMember(tx, actor, 'membership.remove', groupId, userId);
    await deleteMembership(tx, groupId, userId);
  });
}

async function checkOnMember(
  tx: Queryable,
  actor: UserActor,
  action: Action,
  groupId: string,
  userId: string,
): Promise<{ previous: Role }> {
  const ownerCount = await lockAndCountOwners(tx, groupId);
  const role = await findRole(tx, groupId, actor.id);
  const target = await findRole(tx, groupId, userId);
  if (role === null) throw notFound('The seminar');
  if (target === null) throw notFound('The member');
  const decision = authorize(actor, action, { type: 'membership', role, target: { userId, role: target }, ownerCount });
  if (decision === 'forbidden' && target === 'owner' && ownerCount <= 1) throw lastOwner();
  enforce(decision);
  return { previous: target };
}
