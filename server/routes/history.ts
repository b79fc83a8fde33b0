/**
 * History over HTTP: an annotation's revisions, and a group's timeline of a document, newest first,
 * paginated by cursor. Deleted annotations' history is for their authors and the moderators.
 */
import { Router } from 'express';
import { z } from 'zod';
import { eventActions } from '../../shared/annotations.ts';
import type { TimelineEvent } from '../../shared/history.ts';
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

export function historyRouter(db: Database): Router {
  const router = Router();

  router.get('/annotations/:id/history', async (req, res) => {
    const actor = requireUser(req);
    const annotation = await findAnnotation(db, uuidParam(req.params.id, 'The annotation'));
    if (!annotation) throw annotationNotFound();
    const resource = await annotationResource(db, actor.id, annotation);
    const mayReadHidden = authorize(actor, 'annotation.readHidden', resource) === 'allow';
    if (authorize(actor, 'annotation.read', resource) !== 'allow' || (annotation.deletedAt && !mayReadHidden)) throw annotationNotFound();
    res.json({ revisions: await findRevisions(db, annotation.id, { mayReadHidden }) });
  });

  router.get('/groups/:id/documents/:documentId/events', async (req, res) => {
    const actor = requireUser(req);
    const groupId = uuidParam(req.params.id, 'The seminar');
    const role = await findRole(db, groupId, actor.id);
    enforce(authorize(actor, 'group.read', { type: 'group', role }));
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
      viewer: { id: actor.id, isModerator: role === 'owner' || role === 'moderator' },
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
