/**
 * All SQL about a document's versions: `documents` holds the current one, `document_versions` every
 * one (kept by a trigger, migrations/0009), and annotations move to a new version when re-anchored.
 */
import type { Selectors } from '../../shared/selectors.ts';
import type { Queryable } from '../db/database.ts';
import { documentValues, type NewDocument } from './documents.ts';

export interface VersionSummaryRow {
  version: number;
  title: string;
  importedAt: Date;
}

/** The current version, locked until the transaction ends: imports of one document queue. */
export async function lockCurrentVersion(tx: Queryable, documentId: string): Promise<{ version: number; text: string } | null> {
  const { rows } = await tx.query<{ version: number; text: string }>('SELECT version, text FROM documents WHERE id = $1 FOR UPDATE', [documentId]);
  return rows[0] ?? null;
}

/** The document and version a source was imported as, whichever document it was. */
export async function findVersionBySourceHash(db: Queryable, sourceHash: string): Promise<{ documentId: string; version: number } | null> {
  const { rows } = await db.query<{ document_id: string; version: number }>(
    'SELECT document_id, version FROM document_versions WHERE source_hash = $1',
    [sourceHash],
  );
  return rows[0] ? { documentId: rows[0].document_id, version: rows[0].version } : null;
}

/** Makes `next` the current version; the trigger files it in document_versions. */
export async function replaceCurrentVersion(tx: Queryable, next: NewDocument & { version: number }): Promise<void> {
  await tx.query(
    `UPDATE documents SET source_hash = $2, title = $3, dateline = $4, citation = $5, body = $6, text = $7,
            pages = $8, footnotes = $9, version = $10, imported_at = now()
      WHERE id = $1`,
    [...documentValues(next), next.version],
  );
}

export async function findVersions(db: Queryable, documentId: string): Promise<VersionSummaryRow[]> {
  const { rows } = await db.query<{ version: number; title: string; imported_at: Date }>(
    'SELECT version, title, imported_at FROM document_versions WHERE document_id = $1 ORDER BY version',
    [documentId],
  );
  return rows.map((row) => ({ version: row.version, title: row.title, importedAt: row.imported_at }));
}

export interface AnchoredAnnotationRow {
  id: string;
  groupId: string | null;
  authorId: string;
  documentVersion: number;
  selectors: Selectors;
}

/** Every annotation of the document, deleted ones too (history shows them), locked. */
export async function lockDocumentAnnotations(tx: Queryable, documentId: string): Promise<AnchoredAnnotationRow[]> {
  const { rows } = await tx.query<{ id: string; group_id: string | null; author_id: string; document_version: number; selectors: Selectors }>(
    'SELECT id, group_id, author_id, document_version, selectors FROM annotations WHERE document_id = $1 ORDER BY created_at, id FOR UPDATE',
    [documentId],
  );
  return rows.map((row) => ({
    id: row.id,
    groupId: row.group_id,
    authorId: row.author_id,
    documentVersion: row.document_version,
    selectors: row.selectors,
  }));
}

export interface Reanchoring {
  annotationId: string;
  groupId: string | null;
  before: { selectors: Selectors; documentVersion: number };
  after: { selectors: Selectors; documentVersion: number };
}

/**
 * Moves annotations onto the new version and records each move in their history, in two
 * statements however many there are.
 */
export async function writeReanchorings(tx: Queryable, documentId: string, actorId: string, moves: readonly Reanchoring[]): Promise<void> {
  if (moves.length === 0) return;
  const payload = JSON.stringify(moves.map((move) => ({ id: move.annotationId, selectors: move.after.selectors, version: move.after.documentVersion })));
  await tx.query(
    `UPDATE annotations a SET selectors = m.selectors, document_version = m.version, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, selectors jsonb, version integer)
      WHERE a.id = m.id`,
    [payload],
  );
  const events = JSON.stringify(moves.map((move) => ({ annotation_id: move.annotationId, group_id: move.groupId, before: move.before, after: move.after })));
  await tx.query(
    `INSERT INTO annotation_events (annotation_id, document_id, group_id, actor_id, action, before, after)
     SELECT e.annotation_id, $2, e.group_id, $3, 'reanchored', e.before, e.after
       FROM jsonb_to_recordset($1::jsonb) AS e(annotation_id uuid, group_id uuid, before jsonb, after jsonb)`,
    [events, documentId, actorId],
  );
}
