/**
 * A group's layer on a document, as routes about it (the export files, the W3C Protocol container)
 * find it: the seminar and the document, for someone the group lets do `action`. 401 signed out, 404
 * for a seminar one is not in and for a document the seminar does not read, 403 for an observer
 * writing (server/policies/can.ts).
 */
import type { Request } from 'express';
import type { Database } from '../db/database.ts';
import { documentNotFound, notFound } from '../errors.ts';
import { authorize } from '../policies/can.ts';
import { enforce } from '../policies/enforce.ts';
import { findLayer } from '../queries/annotation-layer.ts';
import { findDocument } from '../repos/documents.ts';
import { isDocumentInGroup } from '../repos/group-documents.ts';
import { findGroup, findRole } from '../repos/groups.ts';
import { findLayerVias } from '../repos/w3c-vias.ts';
import { requireUser, uuidParam } from './parse.ts';

/** Who asks, in which role, about which seminar and document: the access check alone, no rows read. */
export async function authorizeGroupDocument(db: Database, req: Request, action: 'group.read' | 'group.write') {
  const actor = requireUser(req);
  const groupId = uuidParam(String(req.params.id), 'The seminar');
  const role = await findRole(db, groupId, actor.id);
  enforce(authorize(actor, action, { type: 'group', role }));
  const documentId = String(req.params.documentId);
  if (!(await isDocumentInGroup(db, groupId, documentId))) throw notFound('The document');
  return { actor, role, groupId, documentId };
}

export async function findGroupDocument(db: Database, req: Request<{ id: string; documentId: string }>, action: 'group.read' | 'group.write') {
  const { actor, role, groupId, documentId } = await authorizeGroupDocument(db, req, action);
  const [group, document] = await Promise.all([findGroup(db, groupId), findDocument(db, documentId)]);
  if (!group) throw notFound('The seminar');
  if (!document) throw documentNotFound(documentId);
  return { actor, role, group, document };
}

/**
 * The same, with the layer as the room shows it (no hidden body for anyone: what is
 * read here travels as files and W3C answers) and the ids W3C clients gave its items.
 */
export async function findGroupLayer(db: Database, req: Request<{ id: string; documentId: string }>, action: 'group.read' | 'group.write' = 'group.read') {
  const found = await findGroupDocument(db, req, action);
  const layerName = { groupId: found.group.id, documentId: found.document.id };
  const [layer, vias] = await Promise.all([findLayer(db, { type: 'group', ...layerName }), findLayerVias(db, layerName)]);
  return { ...found, layer, vias };
}
