/**
 * Opening an invite link: GET /api/invites/:token shows which seminar it opens (to anyone holding the
 * token, signed in or not, so the page can lead through sign-up first); POST …/accept joins it.
 */
import { Router } from 'express';
import type { InvitePreview } from '../../shared/accounts.ts';
import type { Database } from '../db/database.ts';
import { acceptInvite, isInviteUsable } from '../commands/invites.ts';
import { notFound } from '../errors.ts';
import { findGroup } from '../repos/groups.ts';
import { findInviteByToken } from '../repos/invites.ts';
import type { Realtime } from '../realtime/socket-server.ts';
import { requireAllowed } from './parse.ts';

const tokenShape = /^[A-Za-z0-9_-]{16,64}$/;

export function invitesRouter(db: Database, realtime: Realtime): Router {
  const router = Router();

  router.get('/invites/:token', async (req, res) => {
    const invite = tokenShape.test(req.params.token) ? await findInviteByToken(db, req.params.token) : null;
    const group = invite ? await findGroup(db, invite.groupId) : null;
    if (!invite || !group) throw notFound('The invite');
    res.json({ groupName: group.name, role: invite.role, isUsable: isInviteUsable(invite) } satisfies InvitePreview);
  });

  router.post('/invites/:token/accept', async (req, res) => {
    const actor = requireAllowed(req, 'invite.accept', { type: 'instance' });
    if (!tokenShape.test(req.params.token)) throw notFound('The invite');
    const result = await acceptInvite(db, actor, req.params.token);
    if (result.joined) await realtime.memberJoined(result.groupId, actor.id);
    res.json(result);
  });

  return router;
}
