/**
 * Every API route, asked by every kind of person, answers the status the policy promises.
 * The table is the specification: a route added to the API without a row here fails the first test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRange } from '../../shared/selectors.ts';
import { importedMemo } from '../fixtures/memo.ts';
import type { Router } from 'express';
import type { GroupRecord, InviteRecord } from '../../shared/accounts.ts';
import { apiRouter } from '../../server/routes/api.ts';
import { createLiveSessions } from '../../server/auth/live-sessions.ts';
import { createRealtime } from '../../server/realtime/socket-server.ts';
import { createLogger } from '../../server/logger.ts';
import { commandExecutor } from '../../server/commands/execute-command.ts';
import { createRoomRegistry } from '../../server/rooms/room-registry.ts';
import { insertMembership, updateMembershipRole } from '../../server/repos/groups.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ApiClient, signUpUser, type TestUser } from '../helpers/http-client.ts';

const actors = ['anonymous', 'nonMember', 'observer', 'member', 'moderator', 'owner', 'admin'] as const;
type ActorName = (typeof actors)[number];

interface World {
  groupId: string;
  annotationId: string;
  users: Record<Exclude<ActorName, 'anonymous'>, TestUser> & { victim: TestUser };
  server: TestServer;
}

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'OPTIONS';
  path: string;
  /** Builds the concrete request for this actor, setting up what it needs (a fresh invite …). */
  prepare?: (world: World, actor: ActorName) => Promise<{ path?: string; body?: unknown }>;
  expected: Record<ActorName, number>;
  /** Undoes what a successful request changed, so that the next actor meets the same world. */
  restore?: (world: World) => Promise<void>;
}

const all = (status: number): Record<ActorName, number> => Object.fromEntries(actors.map((actor) => [actor, status])) as Record<ActorName, number>;
const signedIn = (status: number) => ({ ...all(status), anonymous: 401 });
/** In-group statuses; outsiders (non-members, the administrator) do not learn that the group exists. */
const inGroup = (observer: number, member: number, moderator: number, owner: number) => ({
  anonymous: 401,
  nonMember: 404,
  admin: 404,
  observer,
  member,
  moderator,
  owner,
});

async function freshInvite(world: World): Promise<InviteRecord> {
  const response = await world.users.owner.client.post<InviteRecord>(`/api/groups/${world.groupId}/invites`, { role: 'member' });
  return response.body;
}

let emailCounter = 0;
let versionCounter = 0;

let tagCounter = 0;
/** A tag of the seminar's vocabulary made for one request, by its owner. */
async function freshTag(world: World): Promise<string> {
  tagCounter += 1;
  const response = await world.users.owner.client.post<{ id: string }>(`/api/groups/${world.groupId}/tags`, { name: `table tag ${tagCounter}` });
  return response.body.id;
}

const memoId = 'frus1981-88v41-d97';
const memoText = importedMemo().text;

function createCommand(groupId: string) {
  const start = memoText.indexOf('new leadership');
  return {
    type: 'annotation.create',
    commandId: randomUUID(),
    annotationId: randomUUID(),
    target: { type: 'group', groupId },
    documentId: memoId,
    kind: 'comment',
    selectors: describeRange(memoText, start, start + 'new leadership'.length),
    body: 'Who is the new leadership here?',
  };
}

const table: Row[] = [
  { method: 'GET', path: '/health', expected: all(200) },
  { method: 'GET', path: '/documents', expected: all(200) },
  { method: 'GET', path: '/documents/:id', prepare: async () => ({ path: '/documents/frus1981-88v41-d97' }), expected: all(200) },
  {
    method: 'POST',
    path: '/documents',
    prepare: async () => ({ body: { fileName: 'note.txt', source: '1. A Note1\n\nText of the note.\n\n  1. Source: here.\n' } }),
    expected: { ...signedIn(403), admin: 201 },
  },
  { method: 'GET', path: '/documents/:id/versions', prepare: async () => ({ path: `/documents/${memoId}/versions` }), expected: all(200) },
  { method: 'GET', path: '/documents/:id/versions/:version', prepare: async () => ({ path: `/documents/${memoId}/versions/1` }), expected: all(200) },
  {
    method: 'POST',
    path: '/documents/:id/versions',
    prepare: async (world) => {
      const note = (versionCounter += 1);
      const imported = await world.users.admin.client.post<{ id: string }>('/api/documents', {
        fileName: `versioned-${note}.txt`,
        source: `1. Versioned Note ${note}1\n\nText of the note.\n\n  1. Source: here.\n`,
      });
      return {
        path: `/documents/${imported.body.id}/versions`,
        body: { fileName: 'corrected.txt', source: `1. Versioned Note ${note}1\n\nThe corrected text of the note.\n\n  1. Source: here.\n` },
      };
    },
    expected: { ...signedIn(403), admin: 201 },
  },
  // The table sends JSON; the upload wants the file itself (415), asked for by an administrator only.
  { method: 'POST', path: '/documents/imports', expected: { ...signedIn(403), admin: 415 } },
  {
    method: 'POST',
    path: '/auth/signup',
    prepare: async () => ({ body: { name: 'New', email: `new.${(emailCounter += 1)}@example.edu`, password: 'a long password' } }),
    expected: all(201),
  },
  {
    method: 'POST',
    path: '/auth/signin',
    prepare: async (world) => ({ body: { email: world.users.victim.email, password: world.users.victim.password } }),
    expected: all(200),
  },
  { method: 'POST', path: '/auth/signout', expected: all(204) },
  { method: 'GET', path: '/session', expected: all(200) },
  { method: 'GET', path: '/me', expected: signedIn(200) },
  { method: 'PATCH', path: '/me', prepare: async () => ({ body: { name: 'Same Name' } }), expected: signedIn(200) },
  {
    method: 'POST',
    path: '/me/password',
    prepare: async (world, actor) => {
      const password = actor === 'anonymous' ? 'whatever it is' : world.users[actor].password;
      return { body: { currentPassword: password, newPassword: password } };
    },
    expected: { ...signedIn(204) },
  },
  { method: 'GET', path: '/groups', expected: signedIn(200) },
  { method: 'POST', path: '/groups', prepare: async () => ({ body: { name: 'Another seminar' } }), expected: signedIn(201) },
  { method: 'GET', path: '/groups/:id', expected: inGroup(200, 200, 200, 200) },
  {
    method: 'POST',
    path: '/groups/:id/documents',
    prepare: async () => ({ body: { documentId: 'frus1981-88v41-d97' } }),
    expected: inGroup(403, 403, 201, 201),
  },
  { method: 'GET', path: '/groups/:id/invites', expected: inGroup(403, 403, 403, 200) },
  { method: 'POST', path: '/groups/:id/invites', prepare: async () => ({ body: { role: 'member' } }), expected: inGroup(403, 403, 403, 201) },
  {
    method: 'DELETE',
    path: '/groups/:id/invites/:inviteId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/invites/${(await freshInvite(world)).id}` }),
    expected: inGroup(403, 403, 403, 204),
  },
  {
    method: 'PATCH',
    path: '/groups/:id/members/:userId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/members/${world.users.victim.id}`, body: { role: 'observer' } }),
    expected: inGroup(403, 403, 403, 200),
    restore: async (world) => updateMembershipRole(world.server.db, world.groupId, world.users.victim.id, 'member'),
  },
  {
    method: 'DELETE',
    path: '/groups/:id/members/:userId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/members/${world.users.victim.id}` }),
    expected: inGroup(403, 403, 403, 204),
    restore: async (world) => {
      await insertMembership(world.server.db, { groupId: world.groupId, userId: world.users.victim.id, role: 'member' });
    },
  },
  {
    method: 'POST',
    path: '/commands',
    prepare: async (world) => ({ body: createCommand(world.groupId) }),
    expected: inGroup(403, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/annotations',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/annotations.jsonld',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations.jsonld` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'POST',
    path: '/groups/:id/documents/:documentId/annotations.jsonld',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations.jsonld`, body: { type: 'AnnotationPage', items: [] } }),
    expected: inGroup(403, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/annotations.csv',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations.csv` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/annotations/',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations/` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'OPTIONS',
    path: '/groups/:id/documents/:documentId/annotations/',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations/` }),
    expected: inGroup(204, 204, 204, 204),
  },
  {
    method: 'POST',
    path: '/groups/:id/documents/:documentId/annotations/',
    prepare: async (world) => ({
      path: `/groups/${world.groupId}/documents/${memoId}/annotations/`,
      body: { type: 'Annotation', bodyValue: 'Posted by a W3C client', target: { source: memoId, selector: { type: 'TextQuoteSelector', exact: 'new leadership' } } },
    }),
    expected: inGroup(403, 201, 201, 201),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/annotations/:annotationId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations/${world.annotationId}` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'OPTIONS',
    path: '/groups/:id/documents/:documentId/annotations/:annotationId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations/${world.annotationId}` }),
    expected: inGroup(204, 204, 204, 204),
  },
  {
    // Without If-Match, writers are asked for it (428); the rest is tested in tests/server/w3c/protocol-writes.test.ts.
    method: 'PUT',
    path: '/groups/:id/documents/:documentId/annotations/:annotationId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations/${world.annotationId}` }),
    expected: inGroup(403, 428, 428, 428),
  },
  {
    // Only the author (the member here) deletes; a fresh annotation takes the deleted one's place.
    method: 'DELETE',
    path: '/groups/:id/documents/:documentId/annotations/:annotationId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/annotations/${world.annotationId}` }),
    expected: inGroup(403, 204, 403, 403),
    restore: async (world) => {
      const created = await world.users.member.client.post<{ annotation: { id: string } }>('/api/commands', createCommand(world.groupId));
      world.annotationId = created.body.annotation.id;
    },
  },
  { method: 'GET', path: '/documents/:documentId/notes', prepare: async () => ({ path: `/documents/${memoId}/notes` }), expected: signedIn(200) },
  {
    method: 'GET',
    path: '/annotations/:id',
    prepare: async (world) => ({ path: `/annotations/${world.annotationId}` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/annotations/:id/history',
    prepare: async (world) => ({ path: `/annotations/${world.annotationId}/history` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/activity',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/activity` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/events',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/events` }),
    expected: inGroup(200, 200, 200, 200),
  },
  { method: 'GET', path: '/groups/:id/tags', expected: inGroup(200, 200, 200, 200) },
  { method: 'GET', path: '/groups/:id/tags/usage', expected: inGroup(200, 200, 200, 200) },
  { method: 'PATCH', path: '/groups/:id/tags', prepare: async () => ({ body: { isLocked: false } }), expected: inGroup(403, 403, 403, 200) },
  { method: 'POST', path: '/groups/:id/tags', prepare: async () => ({ body: { name: `new tag ${++tagCounter}` } }), expected: inGroup(403, 403, 201, 201) },
  {
    method: 'PATCH',
    path: '/groups/:id/tags/:tagId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/tags/${await freshTag(world)}`, body: { description: 'For the table' } }),
    expected: inGroup(403, 403, 200, 200),
  },
  {
    method: 'POST',
    path: '/groups/:id/tags/:tagId/merge',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/tags/${await freshTag(world)}/merge`, body: { into: await freshTag(world) } }),
    expected: inGroup(403, 403, 200, 200),
  },
  {
    method: 'DELETE',
    path: '/groups/:id/tags/:tagId',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/tags/${await freshTag(world)}` }),
    expected: inGroup(403, 403, 200, 200),
  },
  // Everyone searches what they may read; naming a seminar they are not in is a 404, as elsewhere.
  { method: 'GET', path: '/search', prepare: async (world) => ({ path: `/search?q=moscow&group=${world.groupId}` }), expected: inGroup(200, 200, 200, 200) },
  { method: 'GET', path: '/notifications', expected: signedIn(200) },
  { method: 'POST', path: '/notifications/read-all', expected: signedIn(204) },
  // Nobody has notification 1 here: 404 for everyone signed in, never someone else's.
  { method: 'POST', path: '/notifications/:id/read', prepare: async () => ({ path: '/notifications/999999/read' }), expected: signedIn(404) },
  {
    method: 'GET',
    path: '/invites/:token',
    prepare: async (world) => ({ path: `/invites/${(await freshInvite(world)).token}` }),
    expected: all(200),
  },
  {
    method: 'POST',
    path: '/invites/:token/accept',
    prepare: async (world) => ({ path: `/invites/${(await freshInvite(world)).token}/accept` }),
    expected: signedIn(200),
    // The non-member and the administrator joined: make them outsiders again.
    restore: async (world) => {
      await world.server.db.query('DELETE FROM memberships WHERE group_id = $1 AND user_id = ANY($2)', [
        world.groupId,
        [world.users.nonMember.id, world.users.admin.id],
      ]);
    },
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/commentary/versions',
    prepare: async (world) => ({ path: commentaryVersions(world) }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'POST',
    path: '/groups/:id/documents/:documentId/commentary/versions',
    prepare: async (world) => ({ path: commentaryVersions(world), body: { name: 'after session 3' } }),
    expected: inGroup(403, 201, 201, 201),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/commentary/versions/:versionId',
    prepare: async (world) => ({ path: `${commentaryVersions(world)}/${await commentaryVersion(world)}` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/commentary/versions/:versionId/compare',
    prepare: async (world) => ({ path: `${commentaryVersions(world)}/${await commentaryVersion(world)}/compare` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'POST',
    path: '/groups/:id/documents/:documentId/commentary/versions/:versionId/restore',
    prepare: async (world) => ({ path: `${commentaryVersions(world)}/${await commentaryVersion(world)}/restore` }),
    expected: inGroup(403, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/commentary.md',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/commentary.md` }),
    expected: inGroup(200, 200, 200, 200),
  },
  {
    method: 'GET',
    path: '/groups/:id/documents/:documentId/commentary.html',
    prepare: async (world) => ({ path: `/groups/${world.groupId}/documents/${memoId}/commentary.html` }),
    expected: inGroup(200, 200, 200, 200),
  },
];

function commentaryVersions(world: World): string {
  return `/groups/${world.groupId}/documents/${memoId}/commentary/versions`;
}

/** A version of the table seminar's commentary, saved by its owner. */
async function commentaryVersion(world: World): Promise<string> {
  const saved = await world.users.owner.client.post<{ id: string }>(`/api${commentaryVersions(world)}`, { name: 'for the table' });
  return saved.body.id;
}

/** The routes the API router really has, as "METHOD /path". */
function registeredRoutes(router: Router): string[] {
  const found: string[] = [];
  const walk = (stack: Router['stack'], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys((layer.route as { methods?: object }).methods ?? {})) found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else {
        const nested = (layer.handle as Partial<Router>).stack;
        const rawPath = (layer as { rawPath?: string }).rawPath;
        if (nested) walk(nested, prefix + (rawPath && rawPath !== '/' ? rawPath : ''));
      }
    }
  };
  walk(router.stack, '');
  return found.sort();
}

describe('the authorization table of the API', () => {
  let world: World;

  beforeAll(async () => {
    const server = await startTestServer();
    const admin = await signUpUser(server.url, 'Admin'); // the first account
    const owner = await signUpUser(server.url, 'Owner');
    const users = {
      admin,
      owner,
      moderator: await signUpUser(server.url, 'Moderator'),
      member: await signUpUser(server.url, 'Member'),
      observer: await signUpUser(server.url, 'Observer'),
      nonMember: await signUpUser(server.url, 'Outsider'),
      victim: await signUpUser(server.url, 'Victim'),
    };
    const group = await owner.client.post<GroupRecord>('/api/groups', { name: 'Table seminar' });
    for (const [name, role] of [['moderator', 'moderator'], ['member', 'member'], ['observer', 'observer'], ['victim', 'member']] as const) {
      await insertMembership(server.db, { groupId: group.body.id, userId: users[name].id, role });
    }
    await owner.client.post(`/api/groups/${group.body.id}/documents`, { documentId: memoId });
    const created = await users.member.client.post<{ ok: boolean }>('/api/commands', createCommand(group.body.id));
    if (!created.body.ok) throw new Error(`could not annotate: ${JSON.stringify(created.body)}`);
    const annotationId = (created.body as unknown as { annotation: { id: string } }).annotation.id;
    world = { groupId: group.body.id, annotationId, users, server };
  });
  afterAll(() => world?.server.close());

  it('has a row for every route of the API, and a route for every row', async () => {
    const db = world.server.db;
    const rooms = createRoomRegistry(db, createLogger('silent'));
    const execute = commandExecutor(db, rooms, { publish: () => undefined });
    const live = createLiveSessions();
    const router = apiRouter(db, createRealtime(db, createLogger('silent'), { execute, onMemberLeft: () => undefined, live }), execute, live, rooms);
    live.close();
    expect(registeredRoutes(router)).toEqual(table.map((row) => `${row.method} ${row.path}`).sort());
  });

  for (const row of table) {
    it(`${row.method} ${row.path}`, async () => {
      const got: Partial<Record<ActorName, number>> = {};
      for (const actor of actors) {
        const { path, body } = (await row.prepare?.(world, actor)) ?? {};
        const concretePath = path ?? row.path.replace(':id', world.groupId);
        // A copy of the person's browser, so that a sign-in or sign-up answer does not replace their session.
        const client = new ApiClient(world.server.url);
        if (actor !== 'anonymous') {
          const user = world.users[actor];
          if (row.path === '/auth/signout') {
            // Signing out ends the session: use a second one of the same person.
            await client.post('/api/auth/signin', { email: user.email, password: user.password });
          } else client.cookie = user.client.cookie;
        }
        const response = await client.request(row.method, `/api${concretePath}`, body ?? (row.method === 'GET' || row.method === 'DELETE' ? undefined : {}));
        got[actor] = response.status;
        if (response.status < 300) await row.restore?.(world);
      }
      expect(got).toEqual(row.expected);
    });
  }
});
