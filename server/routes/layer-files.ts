/**
 * A seminar's layer on a document as files: a W3C Web Annotation collection (`annotations.jsonld`,
 * server/w3c/) and a spreadsheet (`annotations.csv`, server/exports/layer-csv.ts), for everyone in the
 * group, observers included, as the layer itself is; and a W3C collection read into the layer (POST
 * `annotations.jsonld`), by those who write in it. The names keep them apart from our own JSON at
 * `…/annotations`, and let a browser save them as files; the W3C Protocol server (issue 7) will be a
 * container of its own.
 *
 * Every reader gets the same file, built as the room shows the layer: no hidden body, not even to its
 * author or a moderator, since an export is a file that travels beyond the seminar. An import goes
 * through the command path, one command at a time, so that the policy checks each and the room shows
 * each to everyone reading, as if it had been typed.
 */
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { Node as PMNode } from 'prosemirror-model';
import { buildTextMap, pageAt } from '../../shared/canonical-text.ts';
import { documentSchema } from '../../shared/schema.ts';
import type { Database } from '../db/database.ts';
import type { ExecuteCommand } from '../commands/execute-command.ts';
import { badRequest } from '../errors.ts';
import { layerCsv } from '../exports/layer-csv.ts';
import { annotationCollection } from '../w3c/annotation-collection.ts';
import { planImport, type Unplaced } from '../w3c/collection-import.ts';
import { irisUnder } from '../w3c/iris.ts';
import { annotationMediaType } from '../w3c/model.ts';
import { findGroupDocument, findGroupLayer } from './group-document.ts';

/** What an import says: where each item went, and what could not be placed and why. */
export interface ImportReport {
  placed: { sourceId: string; annotationId: string; replyId: string | null }[];
  unplaced: Unplaced[];
}

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
  router.post('/groups/:id/documents/:documentId/annotations.jsonld', express.json({ limit: '5mb', type: 'application/ld+json' }), async (req, res) => {
    const { actor, group, document } = await findGroupDocument(db, req, 'group.write');
    const plan = planImport(req.body, document.text, { groupId: group.id, documentId: document.id });
    if ('error' in plan) throw badRequest(plan.error);
    const placed = new Map<string, { annotationId: string; replyId: string | null }>();
    const unplaced = [...plan.unplaced];
    for (const { sourceId, quote, command } of plan.annotations) {
      const result = await execute(actor, command);
      if (result.ok) placed.set(sourceId, { annotationId: command.annotationId, replyId: null });
      else unplaced.push({ id: sourceId, quote, reason: result.message });
    }
    for (const reply of plan.replies) {
      const answered = placed.get(reply.targetId);
      if (!answered) {
        unplaced.push({ id: reply.sourceId, quote: null, reason: `it answers ${reply.targetId}, which could not be placed` });
        continue;
      }
      const replyId = randomUUID();
      const result = await execute(actor, { type: 'reply.create', commandId: randomUUID(), replyId, annotationId: answered.annotationId, parentId: answered.replyId, body: reply.body });
      if (result.ok) placed.set(reply.sourceId, { annotationId: answered.annotationId, replyId });
      else unplaced.push({ id: reply.sourceId, quote: null, reason: result.message });
    }
    res.status(unplaced.length > 0 && placed.size === 0 ? 422 : 200).json({
      placed: [...placed].map(([sourceId, ids]) => ({ sourceId, ...ids })),
      unplaced,
    } satisfies ImportReport);
  });

  return router;
}
