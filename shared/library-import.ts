/**
 * Importing into the library, as both sides see it: what happened to each document of a file, and
 * the progress events an administrator's page hears while a TEI volume is imported.
 */

/** The most a file uploaded for import may weigh (a FRUS volume in TEI is a few to tens of MB). */
export const maxImportFileBytes = 40 * 1024 * 1024;

export type DocumentImportOutcome =
  | {
      status: 'imported' | 'already-imported';
      /** The division's id in the file ("d4"). */
      sourceId: string;
      title: string;
      /** The library's id of the document, for its link. */
      documentId: string;
      warnings: string[];
    }
  | { status: 'failed'; sourceId: string; title: string; message: string };

/** After each document of a file: `done` of `total`, and what became of the one just done. */
export interface ImportProgress {
  /** The id the page chose for this upload, so that it hears only its own. */
  importId: string;
  fileName: string;
  done: number;
  total: number;
  outcome: DocumentImportOutcome;
}

/** What POST /api/documents/imports answers once the whole file is done. */
export interface ImportReport {
  importId: string;
  fileName: string;
  outcomes: DocumentImportOutcome[];
}

/** How many documents of an import ended each way, for the summaries of the CLI and the page. */
export function countOutcomes(outcomes: readonly DocumentImportOutcome[]): Record<DocumentImportOutcome['status'], number> {
  const counts = { imported: 0, 'already-imported': 0, failed: 0 };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}
