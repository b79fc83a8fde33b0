/** All SQL about documents. Rows come back camelCased as `DocumentRow`; presenters make them wire records. */
import type { Citation, DocumentFootnote } from '../../shared/document.ts';
import type { Queryable } from '../db/database.ts';

export interface DocumentRow {
  id: string;
  version: number;
  sourceHash: string;
  title: string;
  dateline: string | null;
  citation: Citation | null;
  body: unknown;
  text: string;
  pages: number[];
  footnotes: DocumentFootnote[];
  importedAt: Date;
}

export type DocumentSummaryRow = Pick<DocumentRow, 'id' | 'title' | 'dateline' | 'citation' | 'pages' | 'importedAt'>;

export type NewDocument = Omit<DocumentRow, 'version' | 'importedAt'>;

interface SummaryColumns {
  id: string;
  title: string;
  dateline: string | null;
  citation: Citation | null;
  pages: number[];
  imported_at: Date;
}

interface DocumentColumns extends SummaryColumns {
  version: number;
  source_hash: string;
  body: unknown;
  text: string;
  footnotes: DocumentFootnote[];
}

const summaryColumns = 'id, title, dateline, citation, pages, imported_at';
const documentColumns = `${summaryColumns}, version, source_hash, body, text, footnotes`;

export async function findDocuments(db: Queryable): Promise<DocumentSummaryRow[]> {
  const { rows } = await db.query<SummaryColumns>(`SELECT ${summaryColumns} FROM documents ORDER BY imported_at, id`);
  return rows.map(toSummaryRow);
}

export async function findDocument(db: Queryable, id: string): Promise<DocumentRow | null> {
  const { rows } = await db.query<DocumentColumns>(`SELECT ${documentColumns} FROM documents WHERE id = $1`, [id]);
  return rows[0] ? toDocumentRow(rows[0]) : null;
}

/** One version of a document as it was imported; the current one is also `findDocument`'s. */
export async function findDocumentVersion(db: Queryable, id: string, version: number): Promise<DocumentRow | null> {
  const { rows } = await db.query<DocumentColumns>(
    `SELECT document_id AS id, title, dateline, citation, pages, imported_at, version, source_hash, body, text, footnotes
       FROM document_versions WHERE document_id = $1 AND version = $2`,
    [id, version],
  );
  return rows[0] ? toDocumentRow(rows[0]) : null;
}

export async function findDocumentIdBySourceHash(db: Queryable, sourceHash: string): Promise<string | null> {
  // Every version's hash: a file imported once, even as an earlier version, is not a new document.
  const { rows } = await db.query<{ id: string }>('SELECT document_id AS id FROM document_versions WHERE source_hash = $1', [sourceHash]);
  return rows[0]?.id ?? null;
}

/** The ids among `base`, `base-2`, `base-3` … already taken, to pick the next free one. */
export async function findDocumentIdsLike(db: Queryable, base: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM documents WHERE id = $1 OR (starts_with(id, $1 || '-') AND substr(id, length($1) + 2) ~ '^[0-9]+$')",
    [base],
  );
  return rows.map((row) => row.id);
}

export async function insertDocument(db: Queryable, document: NewDocument): Promise<void> {
  await db.query(
    `INSERT INTO documents (id, source_hash, title, dateline, citation, body, text, pages, footnotes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    documentValues(document),
  );
}

/** A document's columns as parameters $1–$9, in the order of `insertDocument`. */
export function documentValues(document: NewDocument): unknown[] {
  return [
    document.id,
    document.sourceHash,
    document.title,
    document.dateline,
    // Serialised by hand: pg would turn a JS array into a Postgres array, not JSON.
    document.citation === null ? null : JSON.stringify(document.citation),
    JSON.stringify(document.body),
    document.text,
    document.pages,
    JSON.stringify(document.footnotes),
  ];
}

/**
 * Serialises imports so that two at once cannot both find a hash or an id free. Held until the
 * transaction ends.
 */
export async function lockDocumentImports(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('marginalia:document-import'))");
}

function toSummaryRow(row: SummaryColumns): DocumentSummaryRow {
  return {
    id: row.id,
    title: row.title,
    dateline: row.dateline,
    citation: row.citation,
    pages: row.pages,
    importedAt: row.imported_at,
  };
}

function toDocumentRow(row: DocumentColumns): DocumentRow {
  return {
    ...toSummaryRow(row),
    version: row.version,
    sourceHash: row.source_hash,
    body: row.body,
    text: row.text,
    footnotes: row.footnotes,
  };
}

/** Just the canonical text and version: what commands check selectors against. */
export async function findDocumentText(db: Queryable, id: string): Promise<{ text: string; version: number } | null> {
  const { rows } = await db.query<{ text: string; version: number }>('SELECT text, version FROM documents WHERE id = $1', [id]);
  return rows[0] ?? null;
}
