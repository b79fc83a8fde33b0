/**
 * A seminar's layer on a document as files: a W3C Web Annotation collection (`annotations.jsonld`,
 * server/w3c/) and a spreadsheet (`annotations.csv`, server/exports/layer-csv.ts), for everyone in the
 * group, observers included, as the layer itself is; and a W3C collection read into the layer (POST
 * `annotations.jsonld`), by those who write in it. The names keep them apart from our own JSON at
 * `…/annotations`, and let a browser save them as files; the W3C Protocol server is a container of its
 * own (annotation-service.ts).
 *
 * Every reader gets the same file, built as the room shows the layer: no hidden body, not even to its
 * author or a moderator, since an export is a file that travels beyond the seminar. An import goes
 * through the command path (w3c/run-import.ts), so that the policy checks each command and the room
 * shows each to everyone reading, as if it had been typed.
 */
import express, { Router } from 'express';
import { Node as PMNode } from 'prosemirror-model';
import { buildTextMap, pageAt } from '../../shared/canonical-text.ts';
import { documentSchema } from '../../shared/schema.ts';
import type { Database } from '../db/database.ts';
import type { ExecuteCommand } from '../commands/execute-command.ts';
import { badRequest } from '../errors.ts';
import { layerCsv } from '../exports/layer-csv.ts';
import { annotationCollection } from '../w3c/annotation-collection.ts';
import { planImport } from '../w3c/collection-import.ts';
import { runImportPlan } from '../w3c/run-import.ts';
import { maxImportBytes } from '../../shared/layer-import.ts';
import { irisUnder } from '../w3c/iris.ts';
import { annotationMediaType } from '../w3c/model.ts';
import { findGroupDocument, findGroupLayer } from './group-document.ts';

export function layerFilesRouter(db: Database, execute: ExecuteCommand): Router {
  const router = Router();

  router.get('/groups/:id/documents/:documentId/annotations.jsonld', async (req, res) => {
    const { group, document, layer, vias } = await findGroupLayer(db, req);
    const collection = annotationCollection({
      iris: irisUnder(`${req.protocol}://${req.get('host') ?? 'localhost'}`, { groupId: group.id, documentId: document.id }),
      group: { id: group.id, name: group.name },
      document: { id: document.id, version: document.version, title: document.title, text: document.text },
      layer,
      vias,
    });
    // A Buffer, so that Express adds no charset parameter: JSON-LD is UTF-8, and the type stays the profile's.
    res.type(annotationMediaType).send(Buffer.from(JSON.stringify(collection)));
  });

  router.get('/groups/:id/documents/:documentId/annotations.csv', async (req, res) => {
    const { group, document, layer } = await findGroupLayer(db, req);
    const textMap = buildTextMap(PMNode.fromJSON(documentSchema, document.body));
    const csv = layerCsv(layer, (offset) => pageAt(textMap, offset, document.citation?.firstPage ?? null));
    const filename = `${document.id}-${group.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'seminar'}.csv`;
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${filename}"`)
      // A byte-order mark, so that spreadsheets read the file as UTF-8 (quotes in Russian, accents, dashes).
      .send(`\uFEFF${csv}`);
  });

  // A collection comes as JSON-LD (or JSON under 1 MB, read by the API's own parser); a seminar's layer fits in a few MB.
  router.post('/groups/:id/documents/:documentId/annotations.jsonld', express.json({ limit: maxImportBytes, type: 'application/ld+json' }), async (req, res) => {
    const { actor, group, document } = await findGroupDocument(db, req, 'group.write');
    const plan = planImport(req.body, document.text, { groupId: group.id, documentId: document.id });
    if ('error' in plan) throw badRequest(plan.error);
    const report = await runImportPlan(execute, actor, plan);
    const { placed, unplaced } = report;
    if (placed.length === 0 && unplaced.length > 0) {
      // Nothing landed: an error a person can read, with the whole report beside it.
      const message = `None of the ${unplaced.length} items could be placed; the first: ${unplaced[0]!.reason}`;
      res.status(422).json({ error: 'nothing_placed', message, ...report });
      return;
    }
    res.json(report);
  });

  return router;
}
