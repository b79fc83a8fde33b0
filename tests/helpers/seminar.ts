/**
 * A seminar reading a document, as most server and browser tests start from: made by its owner,
 * the document added, and the others joining by invite links with their roles, as people do.
 */
import type { GroupRecord, InviteRecord, Role } from '../../shared/accounts.ts';
import type { TestUser } from './http-client.ts';

export async function startSeminar(options: {
  name: string;
  owner: TestUser;
  documentId: string;
  members?: [TestUser, Exclude<Role, 'owner'>][];
}): Promise<string> {
  const created = await options.owner.client.post<GroupRecord>('/api/groups', { name: options.name });
  if (created.status !== 201) throw new Error(`the seminar was not created: ${created.status}`);
  const groupId = created.body.id;
  const added = await options.owner.client.post(`/api/groups/${groupId}/documents`, { documentId: options.documentId });
  if (added.status !== 201) throw new Error(`the document was not added: ${added.status}`);
  for (const [user, role] of options.members ?? []) {
    const invite = await options.owner.client.post<InviteRecord>(`/api/groups/${groupId}/invites`, { role });
    const accepted = await user.client.post(`/api/invites/${invite.body.token}/accept`);
    if (accepted.status !== 200) throw new Error(`${user.name} could not join: ${accepted.status}`);
  }
  return groupId;
}
