/**
 * A document's versions: GET /api/documents/:id/versions (the list) and …/versions/:version (one, as
 * imported; readable by anyone, like the library), and POST …/versions, by which an administrator
 * imports a corrected transcription as the next version. The POST re-anchors every annotation on the
 * document in its transaction, then closes the document's open rooms, so that readers reload the new
 * text with their annotations on it.
 */
import { Router } from 'express';
import { importDocumentSchema, type DocumentRecord, type DocumentVersionSummary } from '../../shared/document.ts';
import type { Database } from '../db/database.ts';
import { badRequest, documentNotFound, notFound } from '../errors.ts';
import { importDocumentVersion } from '../commands/import-document-version.ts';
import { ImportError } from '../import/frus-plain-text.ts';
import { presentDocument } from '../presenters/document.ts';
import { findDocument, findDocumentVersion } from '../repos/documents.ts';
import { findVersions } from '../repos/document-versions.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { parseBody, requireAllowed } from './parse.ts';

export function documentVersionsRouter(db: Database, rooms: RoomRegistry): Router {
  const router = Router();

  router.get('/documents/:id/versions', async (req, res) => {
    const current = await findDocument(db, req.params.id);
    if (!current) throw documentNotFound(req.params.id);
    const body: DocumentVersionSummary[] = (await findVersions(db, current.id)).map((row) => ({
      version: row.version,
      title: row.title,
      importedAt: row.importedAt.toISOString(),
      isCurrent: row.version === current.version,
    }));
    res.json(body);
  });

  router.get('/documents/:id/versions/:version', async (req, res) => {
    const version = /^[1-9][0-9]{0,8}$/.test(req.params.version) ? Number(req.params.version) : null;
    const row = version === null ? null : await findDocumentVersion(db, req.params.id, version);
    if (!row) throw notFound(`Version ${req.params.version} of "${req.params.id}"`);
    const body: DocumentRecord = presentDocument(row);
    res.json(body);
  });

  router.post('/documents/:id/versions', async (req, res) => {
    const actor = requireAllowed(req, 'document.import', { type: 'instance' });
    const input = parseBody(importDocumentSchema, req.body);
    const result = await importDocumentVersion(db, { documentId: req.params.id, file: input, actorId: actor.id }).catch((error: unknown) => {
      // The importer's refusals are about the file, not the server.
      throw error instanceof ImportError ? badRequest(`The source could not be imported: ${error.message}`) : error;
    });
    if (result.created) await rooms.closeDocumentRooms(result.documentId);
    res.status(result.created ? 201 : 200).json(result);
  });

  return router;
}
