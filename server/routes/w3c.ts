/**
 * The W3C Web Annotation side of the API. For now one export: GET
 * /api/groups/:id/documents/:documentId/annotations.jsonld answers the group's layer on the document
 * as an `AnnotationCollection` (server/w3c/), for everyone in the group, observers included, as the
 * layer itself is. The `.jsonld` name keeps it apart from our own JSON at `…/annotations`, and lets a
 * browser save it as a file; the Protocol server (issue 7) will be a container of its own.
 *
 * Every reader gets the same file, built as the room shows the layer: no hidden body, not even to its
 * author or a moderator, since an export is a file that travels beyond the seminar.
 */
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { documentNotFound, notFound } from '../errors.ts';
import { authorize } from '../policies/can.ts';
import { enforce } from '../policies/enforce.ts';
import { findLayer } from '../queries/annotation-layer.ts';
import { findDocument } from '../repos/documents.ts';
import { isDocumentInGroup } from '../repos/group-documents.ts';
import { findGroup, findRole } from '../repos/groups.ts';
import { annotationCollection } from '../w3c/annotation-collection.ts';
import { irisUnder } from '../w3c/iris.ts';
import { annotationMediaType } from '../w3c/model.ts';
import { requireUser, uuidParam } from './parse.ts';

export function w3cRouter(db: Database): Router {
  const router = Router();

  router.get('/groups/:id/documents/:documentId/annotations.jsonld', async (req, res) => {
    const actor = requireUser(req);
    const groupId = uuidParam(req.params.id, 'The seminar');
    const role = await findRole(db, groupId, actor.id);
    enforce(authorize(actor, 'group.read', { type: 'group', role }));
    const { documentId } = req.params;
    if (!(await isDocumentInGroup(db, groupId, documentId))) throw notFound('The document');
    const [group, document] = await Promise.all([findGroup(db, groupId), findDocument(db, documentId)]);
    if (!group) throw notFound('The seminar');
    if (!document) throw documentNotFound(documentId);
    const layer = await findLayer(db, { type: 'group', groupId, documentId });
    const collection = annotationCollection({
      iris: irisUnder(`${req.protocol}://${req.get('host') ?? 'localhost'}`),
      group: { id: group.id, name: group.name },
      document: { id: document.id, version: document.version, title: document.title, text: document.text },
      layer,
    });
    // A Buffer, so that Express adds no charset parameter: JSON-LD is UTF-8, and the type stays the profile's.
    res.type(annotationMediaType).send(Buffer.from(JSON.stringify(collection)));
  });

  return router;
}
