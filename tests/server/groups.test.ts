import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupRecord, GroupSummary, InvitePreview, InviteRecord } from '../../shared/accounts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';

describe('seminar groups', () => {
  let server: TestServer;
  let owner: TestUser;
  let student: TestUser;
  let group: GroupRecord;

  const invite = async (body: object = {}) => (await owner.client.post<InviteRecord>(`/api/groups/${group.id}/invites`, body)).body;
  const roleOf = async (user: TestUser) =>
    (await owner.client.get<GroupRecord>(`/api/groups/${group.id}`)).body.members.find((member) => member.userId === user.id)?.role ?? null;

  beforeAll(async () => {
    server = await startTestServer();
    await signUpUser(server.url, 'Instance Admin');
    owner = await signUpUser(server.url, 'Professor');
    student = await signUpUser(server.url, 'Student');
    group = (await owner.client.post<GroupRecord>('/api/groups', { name: '  Cold War seminar ', description: 'Autumn term' })).body;
  });
  afterAll(() => server?.close());

  it('creates a group with its maker as owner', () => {
    expect(group).toMatchObject({ name: 'Cold War seminar', description: 'Autumn term', role: 'owner', memberCount: 1 });
    expect(group.members).toEqual([expect.objectContaining({ userId: owner.id, name: 'Professor', role: 'owner' })]);
  });

  it('joins through an invite link with the role it carries, once per person', async () => {
    const link = await invite({ role: 'observer' });
    expect(link.url).toBe(`${server.url}/invites/${link.token}`);
    expect(link.token).toMatch(/^[\w-]{22}$/);
    const preview = await student.client.get<InvitePreview>(`/api/invites/${link.token}`);
    expect(preview.body).toEqual({ groupName: 'Cold War seminar', role: 'observer', isUsable: true });

    expect((await student.client.post(`/api/invites/${link.token}/accept`)).body).toEqual({ groupId: group.id, joined: true });
    expect(await roleOf(student)).toBe('observer');
    expect((await student.client.post(`/api/invites/${link.token}/accept`)).body).toEqual({ groupId: group.id, joined: false });
    const [listed] = (await owner.client.get<InviteRecord[]>(`/api/groups/${group.id}/invites`)).body;
    expect(listed).toMatchObject({ id: link.id, uses: 1 });
    const mine = await student.client.get<GroupSummary[]>('/api/groups');
    expect(mine.body).toEqual([expect.objectContaining({ id: group.id, role: 'observer', memberCount: 2 })]);
  });

  it('refuses an invite that is used up, expired or revoked', async () => {
    const once = await invite({ maxUses: 1 });
    const a = await signUpUser(server.url, 'First taker');
    const b = await signUpUser(server.url, 'Second taker');
    expect((await a.client.post(`/api/invites/${once.token}/accept`)).status).toBe(200);
    expect((await b.client.post(`/api/invites/${once.token}/accept`)).body).toMatchObject({ error: 'invite_unusable' });

    const expired = await invite({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await b.client.post(`/api/invites/${expired.token}/accept`)).status).toBe(410);
    expect((await b.client.get<InvitePreview>(`/api/invites/${expired.token}`)).body.isUsable).toBe(false);

    const revoked = await invite();
    expect((await owner.client.delete(`/api/groups/${group.id}/invites/${revoked.id}`)).status).toBe(204);
    expect((await b.client.post(`/api/invites/${revoked.token}/accept`)).status).toBe(410);
    expect((await b.client.get(`/api/groups/${group.id}`)).status).toBe(404);
  });

  it('does not let an invite make owners', async () => {
    const response = await owner.client.post(`/api/groups/${group.id}/invites`, { role: 'owner' });
    expect(response.status).toBe(400);
  });

  it('lets owners change roles and remove members, and anyone leave', async () => {
    const leaver = await signUpUser(server.url, 'Leaver');
    await leaver.client.post(`/api/invites/${(await invite()).token}/accept`);
    expect((await owner.client.patch(`/api/groups/${group.id}/members/${student.id}`, { role: 'moderator' })).status).toBe(200);
    expect(await roleOf(student)).toBe('moderator');
    // A moderator may not manage roles.
    expect((await student.client.patch(`/api/groups/${group.id}/members/${leaver.id}`, { role: 'owner' })).status).toBe(403);
    expect((await leaver.client.delete(`/api/groups/${group.id}/members/${leaver.id}`)).status).toBe(204);
    expect((await leaver.client.get(`/api/groups/${group.id}`)).status).toBe(404);
  });

  it('keeps an owner: the last owner can neither leave nor step down', async () => {
    const leave = await owner.client.delete(`/api/groups/${group.id}/members/${owner.id}`);
    expect(leave).toMatchObject({ status: 409, body: { error: 'last_owner' } });
    const stepDown = await owner.client.patch(`/api/groups/${group.id}/members/${owner.id}`, { role: 'member' });
    expect(stepDown.status).toBe(409);
    // With a second owner, the first may step down.
    await owner.client.patch(`/api/groups/${group.id}/members/${student.id}`, { role: 'owner' });
    expect((await owner.client.patch(`/api/groups/${group.id}/members/${owner.id}`, { role: 'moderator' })).status).toBe(200);
    expect(await roleOf(owner)).toBe('moderator');
    await student.client.patch(`/api/groups/${group.id}/members/${owner.id}`, { role: 'owner' });
  });

  it('adds a library document to the group, once, and only one that exists', async () => {
    const added = await owner.client.post<GroupRecord>(`/api/groups/${group.id}/documents`, { documentId: 'frus1981-88v41-d97' });
    expect(added.body.documents.map((document) => document.id)).toEqual(['frus1981-88v41-d97']);
    const again = await owner.client.post<GroupRecord>(`/api/groups/${group.id}/documents`, { documentId: 'frus1981-88v41-d97' });
    expect(again.body.documents).toHaveLength(1);
    expect((await owner.client.post(`/api/groups/${group.id}/documents`, { documentId: 'no-such-document' })).status).toBe(404);
  });

  it('answers 404, never a server error, for ids of the wrong shape', async () => {
    expect((await owner.client.get('/api/groups/not-a-uuid')).status).toBe(404);
    expect((await owner.client.delete(`/api/groups/${group.id}/members/42`)).status).toBe(404);
    expect((await owner.client.get('/api/invites/x')).status).toBe(404);
    expect((await owner.client.post('/api/groups', { name: 'x'.repeat(500) })).status).toBe(400);
  });
});
