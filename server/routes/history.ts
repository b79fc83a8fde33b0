/**
 * History over HTTP: an annotation's revisions, and a group's timeline of a document, newest first,
 * paginated by cursor. Deleted annotations' history is for their authors and the moderators.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { eventActions } from '../../shared/annotations.ts';
import type { TimelineEvent } from '../../shared/history.ts';
import type { Role } from '../../shared/accounts.ts';
import { excerptOf, type ActivityItem } from '../../shared/notifications.ts';
import type { Actor } from '../policies/actor.ts';
import type { Database } from '../db/database.ts';
import { enforce } from '../policies/enforce.ts';
import { annotationNotFound, notFound } from '../errors.ts';
import { authorize } from '../policies/can.ts';
import { findRevisions } from '../queries/annotation-history.ts';
import { annotationResource } from '../queries/annotation-resource.ts';
import { findTimeline } from '../repos/annotation-events.ts';
import { findAnnotation } from '../repos/annotations.ts';
import { isDocumentInGroup } from '../repos/group-documents.ts';
import { findRole } from '../repos/groups.ts';
import { parseBody, requireUser, uuidParam } from './parse.ts';

const timelineQuery = z
  .object({
    cursor: z.string().regex(/^\d{1,18}$/, 'cursor: a number from the previous page').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    member: z.uuid().optional(),
    tag: z.string().max(60).optional(),
    action: z.enum(eventActions).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

const activityQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }).strict();

export function historyRouter(db: Database): Router {
  const router = Router();

  /** Who asks about a group's history, and their role in it: members read it, others are refused. */
  async function groupReader(req: Request): Promise<{ actor: Extract<Actor, { type: 'user' }>; groupId: string; role: Role | null }> {
    const actor = requireUser(req);
    const groupId = uuidParam(req.params.id as string | undefined, 'The seminar');
    const role = await findRole(db, groupId, actor.id);
    enforce(authorize(actor, 'group.read', { type: 'group', role }));
    return { actor, groupId, role };
  }
  const viewerOf = (actor: { id: string }, role: Role | null) => ({ id: actor.id, isModerator: role === 'owner' || role === 'moderator' });

  router.get('/annotations/:id/history', async (req, res) => {
    const actor = requireUser(req);
    const annotation = await findAnnotation(db, uuidParam(req.params.id, 'The annotation'));
    if (!annotation) throw annotationNotFound();
    const resource = await annotationResource(db, actor.id, annotation);
    const mayReadHidden = authorize(actor, 'annotation.readHidden', resource) === 'allow';
    if (authorize(actor, 'annotation.read', resource) !== 'allow' || (annotation.deletedAt && !mayReadHidden)) throw annotationNotFound();
    res.json({ revisions: await findRevisions(db, annotation.id, { mayReadHidden }) });
  });

  // The group page's activity feed, as it stood before the page opened; live items follow on the socket.
  router.get('/groups/:id/activity', async (req, res) => {
    const { actor, groupId, role } = await groupReader(req);
    const query = parseBody(activityQuery, req.query);
    const rows = await findTimeline(db, {
      groupId,
      documentId: null,
      before: null,
      limit: query.limit,
      actorId: null,
      tag: null,
      action: null,
      from: null,
      to: null,
      viewer: viewerOf(actor, role),
    });
    res.json({
      items: rows.map(
        (row): ActivityItem => ({
          groupId,
          documentId: row.documentId,
          annotationId: row.annotationId,
          replyId: row.replyId,
          action: row.action,
          isReply: row.replyId !== null,
          actor: { id: row.actorId, name: row.actorName },
          offset: row.offset,
          quote: excerptOf(row.quote, 60),
          at: row.createdAt.toISOString(),
        }),
      ),
    });
  });

  router.get('/groups/:id/documents/:documentId/events', async (req, res) => {
    const { actor, groupId, role } = await groupReader(req);
    if (!(await isDocumentInGroup(db, groupId, req.params.documentId))) throw notFound('The document');
    const query = parseBody(timelineQuery, req.query);
    const rows = await findTimeline(db, {
      groupId,
      documentId: req.params.documentId,
      before: query.cursor ?? null,
      limit: query.limit,
      actorId: query.member ?? null,
      tag: query.tag ?? null,
      action: query.action ?? null,
      from: query.from ? new Date(query.from) : null,
      to: query.to ? new Date(query.to) : null,
      viewer: viewerOf(actor, role),
    });
    res.json({
      events: rows.map((row): TimelineEvent => ({
        id: row.id,
        annotationId: row.annotationId,
        replyId: row.replyId,
        action: row.action,
        actor: { id: row.actorId, name: row.actorName },
        at: row.createdAt.toISOString(),
        kind: row.kind,
        quote: row.quote.slice(0, 120),
        offset: row.offset,
      })),
      nextCursor: rows.length === query.limit ? rows.at(-1)!.id : null,
    });
  });

  return router;
}
