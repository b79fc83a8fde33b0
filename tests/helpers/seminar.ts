/** A seminar reading a document, as most server tests need one: made by its owner, members added by role. */
import type { GroupRecord, Role } from '../../shared/accounts.ts';
import { insertMembership } from '../../server/repos/groups.ts';
import type { TestUser } from './http-client.ts';
import type { TestServer } from './server.ts';

export async function startSeminar(
  server: TestServer,
  options: { name: string; owner: TestUser; documentId: string; members?: [TestUser, Exclude<Role, 'owner'>][] },
): Promise<string> {
  const groupId = (await options.owner.client.post<GroupRecord>('/api/groups', { name: options.name })).body.id;
  await options.owner.client.post(`/api/groups/${groupId}/documents`, { documentId: options.documentId });
  for (const [user, role] of options.members ?? []) await insertMembership(server.db, { groupId, userId: user.id, role });
  return groupId;
}
