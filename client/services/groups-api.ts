/** Seminar groups, their members, documents and invite links; and opening an invite. */
import type { GroupRecord, GroupSummary, InvitePreview, InviteRecord, MemberRecord, Role } from '../../shared/accounts.ts';
import { request, segment, type ApiResult } from './api.ts';

export type InviteRole = Exclude<Role, 'owner'>;

export interface NewInvite {
  role: InviteRole;
  expiresAt: string | null;
  maxUses: number | null;
}

const group = (id: string) => `/api/groups/${segment(id)}`;

export const listGroups = (): Promise<ApiResult<GroupSummary[]>> => request<GroupSummary[]>('GET', '/api/groups');

export const createGroup = (input: { name: string; description: string }): Promise<ApiResult<GroupRecord>> =>
  request<GroupRecord>('POST', '/api/groups', input);

export const getGroup = (id: string): Promise<ApiResult<GroupRecord>> => request<GroupRecord>('GET', group(id));

/** A group's members, as its record lists them (GET /api/groups/:id is the members' route too). */
export async function listGroupMembers(id: string): Promise<ApiResult<MemberRecord[]>> {
  const result = await getGroup(id);
  return result.type === 'ok' ? { type: 'ok', value: result.value.members } : result;
}

export const addGroupDocument = (id: string, documentId: string): Promise<ApiResult<GroupRecord>> =>
  request<GroupRecord>('POST', `${group(id)}/documents`, { documentId });

export const changeMemberRole = (id: string, userId: string, role: Role): Promise<ApiResult<GroupRecord>> =>
  request<GroupRecord>('PATCH', `${group(id)}/members/${segment(userId)}`, { role });

/** Removes a member; with the signed-in user's own id, leaves the seminar. */
export const removeMember = (id: string, userId: string): Promise<ApiResult<void>> =>
  request<void>('DELETE', `${group(id)}/members/${segment(userId)}`);

export const listInvites = (id: string): Promise<ApiResult<InviteRecord[]>> => request<InviteRecord[]>('GET', `${group(id)}/invites`);

export const createInvite = (id: string, input: NewInvite): Promise<ApiResult<InviteRecord>> =>
  request<InviteRecord>('POST', `${group(id)}/invites`, input);

export const revokeInvite = (id: string, inviteId: string): Promise<ApiResult<void>> =>
  request<void>('DELETE', `${group(id)}/invites/${segment(inviteId)}`);

export const previewInvite = (token: string): Promise<ApiResult<InvitePreview>> =>
  request<InvitePreview>('GET', `/api/invites/${segment(token)}`);

export const acceptInvite = (token: string): Promise<ApiResult<{ groupId: string; joined: boolean }>> =>
  request<{ groupId: string; joined: boolean }>('POST', `/api/invites/${segment(token)}/accept`);
