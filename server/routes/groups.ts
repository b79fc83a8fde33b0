/**
 * Seminar groups: /api/groups, /api/groups/:id, its members, invites and documents.
 * A group the asker is not in answers 404, exactly like one that does not exist.
 */
import { Router, type Request } from 'express';
import {
  addGroupDocumentSchema,
  changeRoleSchema,
  createGroupSchema,
  createInviteSchema,
  type GroupRecord,
  type GroupSummary,
  type InviteRecord,
  type Role,
} from '../../shared/accounts.ts';
import type { Database, Queryable } from '../db/database.ts';
import { addGroupDocument, changeMemberRole, createGroup, removeMember } from '../commands/groups.ts';
import { enforce } from '../policies/enforce.ts';
import { createInvite, listInvites, revokeInvite } from '../commands/invites.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policies/can.ts';
import { presentGroup, presentGroupSummary, presentInvite } from '../presenters/accounts.ts';
import { findGroupDocuments } from '../repos/group-documents.ts';
import { findGroup, findGroupsOfUser, findMembers, findRole } from '../repos/groups.ts';
import type { Realtime } from '../realtime/socket-server.ts';
import { parseBody, requireAllowed, requireUser, uuidParam } from './parse.ts';

const groupId = (req: Request) => uuidParam(req.params.id as string | undefined, 'The seminar');

export function groupsRouter(db: Database, realtime: Realtime): Router {
  const router = Router();

  async function groupRecord(tx: Queryable, id: string, role: Role): Promise<GroupRecord> {
    const group = await findGroup(tx, id);
    if (!group) throw notFound('The seminar');
    return presentGroup(group, role, await findMembers(tx, id), await findGroupDocuments(tx, id), realtime.isOnline);
  }

  router.get('/groups', async (req, res) => {
    const actor = requireAllowed(req, 'group.list', { type: 'instance' });
    const groups: GroupSummary[] = (await findGroupsOfUser(db, actor.id)).map(presentGroupSummary);
    res.json(groups);
  });

  router.post('/groups', async (req, res) => {
    const actor = requireAllowed(req, 'group.create', { type: 'instance' });
    const input = parseBody(createGroupSchema, req.body);
    const group = await createGroup(db, actor, input);
    await realtime.memberJoined(group.id, actor.id);
    res.status(201).json(await groupRecord(db, group.id, 'owner'));
  });

  router.get('/groups/:id', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const role = await findRole(db, id, actor.id);
    enforce(authorize(actor, 'group.read', { type: 'group', role }));
    res.json(await groupRecord(db, id, role!));
  });

  router.post('/groups/:id/documents', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const { documentId } = parseBody(addGroupDocumentSchema, req.body);
    await addGroupDocument(db, actor, id, documentId);
    realtime.groupChanged(id);
    res.status(201).json(await groupRecord(db, id, (await findRole(db, id, actor.id))!));
  });

  router.get('/groups/:id/invites', async (req, res) => {
    const actor = requireUser(req);
    const invites = await listInvites(db, actor, groupId(req));
    res.json(invites.map((invite): InviteRecord => presentInvite(invite, baseUrl(req))));
  });

  router.post('/groups/:id/invites', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const input = parseBody(createInviteSchema, req.body);
    const invite = await createInvite(db, actor, id, {
      role: input.role,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      maxUses: input.maxUses ?? null,
    });
    res.status(201).json(presentInvite(invite, baseUrl(req)) satisfies InviteRecord);
  });

  router.delete('/groups/:id/invites/:inviteId', async (req, res) => {
    const actor = requireUser(req);
    await revokeInvite(db, actor, groupId(req), uuidParam(req.params.inviteId, 'The invite'));
    res.status(204).end();
  });

  router.patch('/groups/:id/members/:userId', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const userId = uuidParam(req.params.userId, 'The member');
    const { role } = parseBody(changeRoleSchema, req.body);
    await changeMemberRole(db, actor, id, userId, role);
    realtime.groupChanged(id);
    res.json(await groupRecord(db, id, (await findRole(db, id, actor.id))!));
  });

  router.delete('/groups/:id/members/:userId', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const userId = uuidParam(req.params.userId, 'The member');
    await removeMember(db, actor, id, userId);
    await realtime.memberLeft(id, userId);
    res.status(204).end();
  });

  return router;
}

/** The origin the request came to: invite links open where their maker is. */
function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}
