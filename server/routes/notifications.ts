/** The inbox: GET /api/notifications (newest first, by cursor, with the unread count), mark read. */
import { Router } from 'express';
import { z } from 'zod';
import type { NotificationRecord } from '../../shared/notifications.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { countUnread, findNotifications, markAllNotificationsRead, markNotificationRead } from '../repos/notifications.ts';
import { ownAccount, parseBody, requireAllowed } from './parse.ts';

const inboxQuery = z
  .object({
    cursor: z.string().regex(/^\d{1,18}$/, 'cursor: a number from the previous page').optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

export function notificationsRouter(db: Database): Router {
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const actor = requireAllowed(req, 'account.read', ownAccount(req));
    const query = parseBody(inboxQuery, req.query);
    const rows = await findNotifications(db, actor.id, query.cursor ?? null, query.limit);
    const notifications: NotificationRecord[] = rows.map(({ userId: _userId, ...record }) => record);
    res.json({ notifications, unread: await countUnread(db, actor.id), nextCursor: rows.length === query.limit ? rows.at(-1)!.id : null });
  });

  router.post('/notifications/read-all', async (req, res) => {
    const actor = requireAllowed(req, 'account.update', ownAccount(req));
    await markAllNotificationsRead(db, actor.id);
    res.status(204).end();
  });

  router.post('/notifications/:id/read', async (req, res) => {
    const actor = requireAllowed(req, 'account.update', ownAccount(req));
    if (!/^\d{1,18}$/.test(req.params.id) || !(await markNotificationRead(db, actor.id, req.params.id))) throw notFound('The notification');
    res.status(204).end();
  });

  return router;
}
