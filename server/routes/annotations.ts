/**
 * Annotations over HTTP: POST /api/commands runs the same commands as socket.io; the GET routes read
 * a layer, with hidden bodies for those who may read them (their authors, moderators).
 */
import { Router } from 'express';
import type { RoomName } from '../../shared/rooms.ts';
import type { Role } from '../../shared/accounts.ts';
import type { Database } from '../db/database.ts';
import type { ExecuteCommand } from '../commands/execute-command.ts';
import { annotationNotFound, notFound } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize } from '../policies/can.ts';
import { findLayer, layerOf } from '../queries/annotation-layer.ts';
import { annotationResource } from '../queries/annotation-resource.ts';
import { findRepliesOf } from '../repos/replies.ts';
import { findDocumentText } from '../repos/documents.ts';
import { authorizeGroupDocument } from './group-document.ts';
import { findAnnotation } from '../repos/annotations.ts';
import { ownAccount, parseBody, requireAllowed, requireUser, uuidParam } from './parse.ts';
import { findLayerAt } from '../queries/replay.ts';
import { z } from 'zod';

type UserActor = Extract<Actor, { type: 'user' }>;

export function annotationsRouter(db: Database, execute: ExecuteCommand): Router {
  const router = Router();

  router.post('/commands', async (req, res) => {
    const actor = requireUser(req);
    const result = await execute(actor, req.body);
    res.status(result.ok ? 200 : result.status).json(result);
  });

  router.get('/groups/:id/documents/:documentId/annotations', async (req, res) => {
    const { actor, role, groupId, documentId } = await authorizeGroupDocument(db, req, 'group.read');
    const room: RoomName = { type: 'group', groupId, documentId };
    // ?at=<ISO time>: the layer as it stood then (replay).
    const { at } = parseBody(z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict(), req.query);
    const reader = hiddenReader(actor, role, null);
    res.json(at ? await findLayerAt(db, room, new Date(at), reader) : await findLayer(db, room, reader));
  });

  router.get('/documents/:documentId/notes', async (req, res) => {
    const actor = requireAllowed(req, 'account.read', ownAccount(req));
    if (!(await findDocumentText(db, req.params.documentId))) throw notFound('The document');
    res.json(await findLayer(db, { type: 'private', userId: actor.id, documentId: req.params.documentId }, hiddenReader(actor, null, actor.id)));
  });

  router.get('/annotations/:id', async (req, res) => {
    const actor = requireUser(req);
    const annotation = await findAnnotation(db, uuidParam(req.params.id, 'The annotation'));
    if (!annotation) throw annotationNotFound();
    const resource = await annotationResource(db, actor.id, annotation);
    if (authorize(actor, 'annotation.read', resource) !== 'allow') throw annotationNotFound();
    // Just this annotation and its thread, with the layer's rules for placeholders and hidden text.
    const layer = layerOf([annotation], await findRepliesOf(db, [annotation.id]), hiddenReader(actor, resource.role, resource.ownerId));
    const [record] = layer.annotations;
    if (!record) throw annotationNotFound();
    res.json({ annotation: record, replies: layer.replies });
  });

  return router;
}

/** Whose hidden bodies this reader may see, as the policy says: their own, or all for moderators. */
function hiddenReader(actor: UserActor, role: Role | null, ownerId: string | null): (row: { authorId: string }) => boolean {
  return (row) => authorize(actor, 'annotation.readHidden', { type: 'annotation', role, ownerId, authorId: row.authorId }) === 'allow';
}
