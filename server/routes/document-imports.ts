/**
 * POST /api/documents/imports?fileName=…&importId=…: an administrator uploads a file for the library,
 * the file itself as the body (`application/xml` for TEI, `text/plain` for FRUS plain text), at most
 * `maxImportFileBytes`. A TEI volume imports document by document; after each one the uploader's
 * sockets hear `import.progress` carrying the page's `importId`. The answer, once all are done, lists
 * what became of each document: a document the importer refuses is a `failed` entry, not an error of
 * the request; a file that is not XML, or holds no document, is a 400.
 */
import express, { Router, type RequestHandler } from 'express';
import { importUploadQuerySchema } from '../../shared/library-import-schemas.ts';
import { maxImportFileBytes, type DocumentImportOutcome, type ImportReport } from '../../shared/library-import.ts';
import type { Database } from '../db/database.ts';
import { badRequest, HttpError } from '../errors.ts';
import { importDocument, isTeiSource, teiVolumeOf } from '../commands/import-document.ts';
import { ImportError } from '../import/frus-plain-text.ts';
import { importVolume } from '../import/volume-import.ts';
import type { Realtime } from '../realtime/socket-server.ts';
import { parseBody, requireAllowed } from './parse.ts';

const megabytes = maxImportFileBytes / 2 ** 20;
const uploadTypes = ['application/xml', 'text/xml', 'application/tei+xml', 'text/plain'];

const fileTooLarge = () =>
  new HttpError(413, 'file_too_large', `The file is larger than ${megabytes} MB, the most an upload may be; import it on the server with npm run import`);
const notAFile = () =>
  new HttpError(415, 'unsupported_media_type', 'Send the file itself as the request body, as application/xml (TEI) or text/plain (FRUS plain text)');

/** The body as text, bounded; a body over the bound is a 413 that says what to do instead. */
const readUpload: RequestHandler = (req, res, next) => {
  express.text({ type: uploadTypes, limit: maxImportFileBytes })(req, res, (error?: unknown) => {
    const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
    next(type === 'entity.too.large' ? fileTooLarge() : error);
  });
};

export function documentImportsRouter(db: Database, realtime: Realtime): Router {
  const router = Router();

  router.post('/documents/imports', (req, _res, next) => {
    // Who asks is checked before a byte of the upload is read.
    requireAllowed(req, 'document.import', { type: 'instance' });
    next();
  }, readUpload, async (req, res) => {
    const actor = requireAllowed(req, 'document.import', { type: 'instance' });
    if (typeof req.body !== 'string') throw notAFile();
    const { fileName, importId } = parseBody(importUploadQuerySchema, req.query);
    const source: string = req.body;
    if (source.trim() === '') throw badRequest('The file is empty');

    let outcomes: DocumentImportOutcome[];
    if (isTeiSource(fileName, source)) {
      const volume = refusingBadFiles(() => teiVolumeOf(source, fileName));
      outcomes = await importVolume(db, volume, {
        fileName,
        onProgress: (step) => realtime.importProgress(actor.id, { importId, fileName, ...step }),
      });
    } else {
      const outcome = await importPlainText(db, source, fileName);
      realtime.importProgress(actor.id, { importId, fileName, done: 1, total: 1, outcome });
      outcomes = [outcome];
    }
    const body: ImportReport = { importId, fileName, outcomes };
    res.json(body);
  });

  return router;
}

function refusingBadFiles<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof ImportError ? badRequest(`The file could not be imported: ${error.message}`) : error;
  }
}

async function importPlainText(db: Database, source: string, fileName: string): Promise<DocumentImportOutcome> {
  try {
    const result = await importDocument(db, { source, fileName });
    return { status: result.created ? 'imported' : 'already-imported', sourceId: fileName, title: fileName, documentId: result.id, warnings: result.warnings };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { status: 'failed', sourceId: fileName, title: fileName, message: error.message };
  }
}
