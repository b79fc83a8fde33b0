/**
 * The library: GET /api/documents (summaries), GET /api/documents/:id (the full record), readable by
 * anyone, since its sources are public (with `?group=`, a reader of that group's layer also learns where
 * its W3C annotation container is); POST /api/documents imports one (administrators).
 */
import { Router } from 'express';
import { importDocumentSchema, type DocumentRecord, type DocumentSummary } from '../../shared/document.ts';
import type { Database } from '../db/database.ts';
import { badRequest, documentNotFound } from '../errors.ts';
import { importDocument } from '../commands/import-document.ts';
import { ImportError } from '../import/frus-plain-text.ts';
import { parseBody, requireAllowed } from './parse.ts';
import { presentDocument, presentDocumentSummary } from '../presenters/document.ts';
import { findDocument, findDocuments } from '../repos/documents.ts';
import { annotationServiceLink } from './annotation-service.ts';

export function documentsRouter(db: Database): Router {
  const router = Router();

  router.get('/documents', async (_req, res) => {
    const body: DocumentSummary[] = (await findDocuments(db)).map(presentDocumentSummary);
    res.json(body);
  });

  router.get('/documents/:id', async (req, res) => {
    const row = await findDocument(db, req.params.id);
    if (!row) throw documentNotFound(req.params.id);
    const body: DocumentRecord = presentDocument(row);
    const serviceLink = await annotationServiceLink(db, req, row.id);
    if (serviceLink) res.set('Link', serviceLink);
    res.json(body);
  });

  router.post('/documents', async (req, res) => {
    requireAllowed(req, 'document.import', { type: 'instance' });
    const input = parseBody(importDocumentSchema, req.body);
    const result = await importDocument(db, input).catch((error: unknown) => {
      // The importer's refusals are about the file, not the server.
      throw error instanceof ImportError ? badRequest(`The source could not be imported: ${error.message}`) : error;
    });
    res.status(result.created ? 201 : 200).json(result);
  });

  return router;
}
