/**
 * Imports every document of a TEI file, each in its own transaction (commands/import-document.ts),
 * reporting after each one: a document the importer refuses is reported with the reason and the
 * others go on. Only a fault that is not the file's (the database gone) stops the import, keeping
 * the documents already committed.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DocumentImportOutcome } from '../../shared/library-import.ts';
import type { Database } from '../db/database.ts';
import { importVolumeDocument } from '../commands/import-document.ts';
import { ImportError } from './frus-plain-text.ts';
import type { TeiVolume } from './tei-volume.ts';

export interface VolumeStep {
  done: number;
  total: number;
  outcome: DocumentImportOutcome;
}

export async function importVolume(
  db: Database,
  volume: TeiVolume,
  options: { fileName: string; onProgress?: (step: VolumeStep) => void },
): Promise<DocumentImportOutcome[]> {
  const outcomes: DocumentImportOutcome[] = [];
  const total = volume.documents.length;
  for (const document of volume.documents) {
    const { id: sourceId, title } = document;
    let outcome: DocumentImportOutcome;
    try {
      const result = await importVolumeDocument(db, volume, document, { fileName: options.fileName });
      outcome = { status: result.created ? 'imported' : 'already-imported', sourceId, title, documentId: result.id, warnings: result.warnings };
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      outcome = { status: 'failed', sourceId, title, message: error.message };
    }
    outcomes.push(outcome);
    options.onProgress?.({ done: outcomes.length, total, outcome });
    // PGlite answers within the same turn of the event loop, so without this pause the progress
    // just emitted would leave the server only with the last document, all at once.
    await nextTurn();
  }
  return outcomes;
}
