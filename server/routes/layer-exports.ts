/**
 * A seminar's layer on a document as files: a W3C Web Annotation collection (`annotations.jsonld`,
 * server/w3c/) and a spreadsheet (`annotations.csv`, server/exports/layer-csv.ts), for everyone in the
 * group, observers included, as the layer itself is. The names keep them apart from our own JSON at
 * `…/annotations`, and let a browser save them as files; the W3C Protocol server (issue 7) will be a
 * container of its own.
 *
 * Every reader gets the same file, built as the room shows the layer: no hidden body, not even to its
 * author or a moderator, since an export is a file that travels beyond the seminar.
 */
import { Router, type Request } from 'express';
import { Node as PMNode } from 'prosemirror-model';
import { buildTextMap, pageAt } from '../../shared/canonical-text.ts';
import { documentSchema } from '../../shared/schema.ts';
import type { Database } from '../db/database.ts';
import { documentNotFound, notFound } from '../errors.ts';
import { layerCsv } from '../exports/layer-csv.ts';
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

export function layerExportsRouter(db: Database): Router {
  const router = Router();

  /** The group, the document and the group's layer on it, for someone the group lets read it. */
  async function groupLayerOf(req: Request<{ id: string; documentId: string }>) {
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
    return { group, document, layer };
  }

  router.get('/groups/:id/documents/:documentId/annotations.jsonld', async (req, res) => {
    const { group, document, layer } = await groupLayerOf(req);
    const collection = annotationCollection({
      iris: irisUnder(`${req.protocol}://${req.get('host') ?? 'localhost'}`),
      group: { id: group.id, name: group.name },
      document: { id: document.id, version: document.version, title: document.title, text: document.text },
      layer,
    });
    // A Buffer, so that Express adds no charset parameter: JSON-LD is UTF-8, and the type stays the profile's.
    res.type(annotationMediaType).send(Buffer.from(JSON.stringify(collection)));
  });

  router.get('/groups/:id/documents/:documentId/annotations.csv', async (req, res) => {
    const { group, document, layer } = await groupLayerOf(req);
    const textMap = buildTextMap(PMNode.fromJSON(documentSchema, document.body));
    const csv = layerCsv(layer, (offset) => pageAt(textMap, offset, document.citation?.firstPage ?? null));
    const filename = `${document.id}-${group.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'seminar'}.csv`;
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${filename}"`)
      // A byte-order mark, so that spreadsheets read the file as UTF-8 (quotes in Russian, accents, dashes).
      .send(`\uFEFF${csv}`);
  });

  return router;
}
