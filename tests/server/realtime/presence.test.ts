import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { GroupRecord, InviteRecord } from '../../../shared/accounts.ts';
import type { ClientToServerEvents, GroupPresence, ServerToClientEvents } from '../../../shared/realtime.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('socket.io: sessions, group rooms and presence', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let groupId: string;
  const sockets: ClientSocket[] = [];

  function open(user: TestUser | null): ClientSocket {
    const socket: ClientSocket = connect(server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: user?.client.cookie ? { cookie: user.client.cookie } : {},
    });
    sockets.push(socket);
    return socket;
  }

  /** Resolves with the first presence of the group that satisfies `test`. */
  function presenceWhere(socket: ClientSocket, test: (userIds: string[]) => boolean): Promise<string[]> {
    return new Promise((resolve) => {
      const listener = (presence: GroupPresence) => {
        if (presence.groupId !== groupId || !test(presence.userIds)) return;
        socket.off('group:presence', listener);
        resolve([...presence.userIds].sort());
      };
      socket.on('group:presence', listener);
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    groupId = (await ana.client.post<GroupRecord>('/api/groups', { name: 'Presence seminar' })).body.id;
    const invite = (await ana.client.post<InviteRecord>(`/api/groups/${groupId}/invites`, {})).body;
    await ben.client.post(`/api/invites/${invite.token}/accept`);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => server?.close());

  it('refuses a socket without a valid session', async () => {
    const error = await new Promise<Error>((resolve) => open(null).on('connect_error', resolve));
    expect(error.message).toMatch(/unauthenticated/);
    const forged = open({ ...ana, client: Object.assign(Object.create(ana.client), { cookie: 'marginalia_session=forged' }) });
    expect((await new Promise<Error>((resolve) => forged.on('connect_error', resolve))).message).toMatch(/unauthenticated/);
  });

  it('shows each member the other online, counts several tabs once, and sees them leave', async () => {
    const anaSocket = open(ana);
    expect(await presenceWhere(anaSocket, (ids) => ids.includes(ana.id))).toEqual([ana.id]);

    const bothOnline = presenceWhere(anaSocket, (ids) => ids.length === 2);
    const benTab1 = open(ben);
    expect(await presenceWhere(benTab1, (ids) => ids.length === 2)).toEqual([ana.id, ben.id].sort());
    expect(await bothOnline).toEqual([ana.id, ben.id].sort());

    // A second tab of Ben's: he is still online once, and closing one tab keeps him online.
    const benTab2 = open(ben);
    expect(await presenceWhere(benTab2, (ids) => ids.length === 2)).toHaveLength(2);
    benTab1.disconnect();
    benTab2.disconnect();
    expect(await presenceWhere(anaSocket, (ids) => !ids.includes(ben.id))).toEqual([ana.id]);
  });

  it('takes a removed member out of the group room at once', async () => {
    const anaSocket = open(ana);
    const benSocket = open(ben);
    await presenceWhere(anaSocket, (ids) => ids.length === 2);

    const removedEvent = new Promise<{ groupId: string }>((resolve) => benSocket.on('group:removed', resolve));
    const benGone = presenceWhere(anaSocket, (ids) => !ids.includes(ben.id));
    expect((await ana.client.delete(`/api/groups/${groupId}/members/${ben.id}`)).status).toBe(204);
    expect(await removedEvent).toEqual({ groupId });
    expect(await benGone).toEqual([ana.id]);

    // Ben hears nothing more of the group: a later presence change reaches Ana only.
    let benHeard = false;
    benSocket.on('group:presence', (presence) => {
      if (presence.groupId === groupId) benHeard = true;
    });
    const anaSecondTab = open(ana);
    await presenceWhere(anaSecondTab, () => true);
    anaSecondTab.disconnect();
    const carla = await signUpUser(server.url, 'Carla');
    const invite = (await ana.client.post<InviteRecord>(`/api/groups/${groupId}/invites`, {})).body;
    const carlaJoined = presenceWhere(anaSocket, (ids) => ids.includes(carla.id));
    open(carla);
    await carla.client.post(`/api/invites/${invite.token}/accept`);
    expect(await carlaJoined).toEqual([ana.id, carla.id].sort());
    expect(benHeard).toBe(false);
  });

  it('puts the creator of a new seminar in its room at once, and tells members when it changes', async () => {
    const anaSocket = open(ana);
    await presenceWhere(anaSocket, () => true);
    const created = new Promise<GroupPresence>((resolve) =>
      anaSocket.on('group:presence', (presence) => {
        if (presence.groupId !== groupId) resolve(presence);
      }),
    );
    const newGroup = (await ana.client.post<GroupRecord>('/api/groups', { name: 'Fresh seminar' })).body;
    expect(await created).toEqual({ groupId: newGroup.id, userIds: [ana.id] });

    const updated = new Promise<{ groupId: string }>((resolve) => anaSocket.on('group:updated', resolve));
    await ana.client.post(`/api/groups/${newGroup.id}/documents`, { documentId: 'frus1981-88v41-d97' });
    expect(await updated).toEqual({ groupId: newGroup.id });
  });
});
