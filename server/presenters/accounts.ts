/** Account, group and invite rows → the wire records of shared/accounts.ts. */
import type { GroupRecord, GroupSummary, InviteRecord, MemberRecord, Role, UserRecord } from '../../shared/accounts.ts';
import type { GroupDocumentRow } from '../repos/group-documents.ts';
import type { GroupOfUserRow, GroupRow, MemberRow } from '../repos/groups.ts';
import type { InviteRow } from '../repos/invites.ts';
import type { UserRow } from '../repos/users.ts';

export function presentUser(user: Pick<UserRow, 'id' | 'displayName' | 'email' | 'isAdmin'>): UserRecord {
  return { id: user.id, name: user.displayName, email: user.email, isAdmin: user.isAdmin };
}

export function presentGroupSummary(group: GroupOfUserRow): GroupSummary {
  return { id: group.id, name: group.name, description: group.description, role: group.role, memberCount: group.memberCount };
}

export function presentMember(member: MemberRow, isOnline: boolean): MemberRecord {
  return { userId: member.userId, name: member.displayName, role: member.role, joinedAt: member.joinedAt.toISOString(), isOnline };
}

export function presentGroup(
  group: GroupRow,
  role: Role,
  members: MemberRow[],
  documents: GroupDocumentRow[],
  isOnline: (userId: string) => boolean,
): GroupRecord {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    role,
    memberCount: members.length,
    members: members.map((member) => presentMember(member, isOnline(member.userId))),
    documents: documents.map((document) => ({ id: document.id, title: document.title, addedAt: document.addedAt.toISOString() })),
  };
}

/** `baseUrl` is the origin the request came to, so the link opens where the owner is. */
export function presentInvite(invite: InviteRow, baseUrl: string): InviteRecord {
  return {
    id: invite.id,
    token: invite.token,
    url: `${baseUrl}/invites/${invite.token}`,
    role: invite.role,
    expiresAt: invite.expiresAt?.toISOString() ?? null,
    maxUses: invite.maxUses,
    uses: invite.uses,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
    createdAt: invite.createdAt.toISOString(),
  };
}
