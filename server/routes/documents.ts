/** GET /api/documents (summaries) and GET /api/documents/:id (the full record). */
import { Router } from 'express';
import type { DocumentRecord, DocumentSummary } from '../../shared/document.ts';
import type { Database } from '../db/database.ts';
import { documentNotFound } from '../errors.ts';
import { presentDocument, presentDocumentSummary } from '../presenters/document.ts';
import { findDocument, findDocuments } from '../repos/documents.ts';

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
    res.json(body);
  });

  return router;
}
