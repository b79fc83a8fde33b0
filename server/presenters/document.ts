/** Document rows → the wire records of shared/document.ts. */
import type { DocumentRecord, DocumentSummary } from '../../shared/document.ts';
import type { DocumentRow, DocumentSummaryRow } from '../repos/documents.ts';

export function presentDocumentSummary(row: DocumentSummaryRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    dateline: row.dateline,
    citation: row.citation,
    pages: row.pages,
    importedAt: row.importedAt.toISOString(),
  };
}

/** The source hash stays on the server: it is bookkeeping for imports, not part of the document. */
export function presentDocument(row: DocumentRow): DocumentRecord {
  return {
    ...presentDocumentSummary(row),
    version: row.version,
    body: row.body,
    text: row.text,
    footnotes: row.footnotes,
  };
}
