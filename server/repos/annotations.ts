/** All SQL about annotations. Rows carry their author's display name, as rooms show it. */
import type { AnnotationKind, AnnotationStatus, Visibility } from '../../shared/annotations.ts';
import type { Role } from '../../shared/accounts.ts';
import type { Selectors } from '../../shared/selectors.ts';
import type { Queryable } from '../db/database.ts';

export interface AnnotationRow {
  id: string;
  documentId: string;
  documentVersion: number;
  groupId: string | null;
  visibility: Visibility;
  authorId: string;
  authorName: string;
  kind: AnnotationKind;
  selectors: Selectors;
  body: string;
  tags: string[];
  status: AnnotationStatus;
  isHidden: boolean;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
}

interface AnnotationColumns {
  id: string;
  document_id: string;
  document_version: number;
  group_id: string | null;
  visibility: Visibility;
  author_id: string;
  author_name: string;
  kind: AnnotationKind;
  selectors: Selectors;
  body: string;
  tags: string[];
  status: AnnotationStatus;
  is_hidden: boolean;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  edited_at: Date | null;
}

const columns = `a.id, a.document_id, a.document_version, a.group_id, a.visibility, a.author_id, u.display_name AS author_name,
  a.kind, a.selectors, a.body, a.tags, a.status, a.is_hidden, a.deleted_at, a.created_at, a.updated_at, a.edited_at`;

const toRow = (row: AnnotationColumns): AnnotationRow => ({
  id: row.id,
  documentId: row.document_id,
  documentVersion: row.document_version,
  groupId: row.group_id,
  visibility: row.visibility,
  authorId: row.author_id,
  authorName: row.author_name,
  kind: row.kind,
  selectors: row.selectors,
  body: row.body,
  tags: row.tags,
  status: row.status,
  isHidden: row.is_hidden,
  deletedAt: row.deleted_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  editedAt: row.edited_at,
});

export type NewAnnotation = Pick<
  AnnotationRow,
  'id' | 'documentId' | 'documentVersion' | 'groupId' | 'visibility' | 'authorId' | 'kind' | 'selectors' | 'body' | 'tags'
>;

/** Inserts and returns the row as `findAnnotation` would read it, in one round trip. */
export async function insertAnnotation(db: Queryable, annotation: NewAnnotation): Promise<AnnotationRow> {
  const { rows } = await db.query<AnnotationColumns>(
    `WITH a AS (
       INSERT INTO annotations (id, document_id, document_version, group_id, visibility, author_id, kind, selectors, body, tags)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *)
     SELECT ${columns} FROM a JOIN users u ON u.id = a.author_id`,
    [
      annotation.id,
      annotation.documentId,
      annotation.documentVersion,
      annotation.groupId,
      annotation.visibility,
      annotation.authorId,
      annotation.kind,
      JSON.stringify(annotation.selectors),
      annotation.body,
      annotation.tags,
    ],
  );
  return toRow(rows[0]!);
}

/** With `lock`, the row stays locked until the transaction ends: commands on one annotation queue. */
export async function findAnnotation(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<AnnotationRow | null> {
  const { rows } = await db.query<AnnotationColumns>(
    `SELECT ${columns} FROM annotations a JOIN users u ON u.id = a.author_id WHERE a.id = $1${options.lock ? ' FOR UPDATE OF a' : ''}`,
    [id],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

/** The annotations of a room: a group's layer on a document, or one person's private notes. */
export async function findRoomAnnotations(
  db: Queryable,
  room: { groupId: string; documentId: string } | { userId: string; documentId: string },
): Promise<AnnotationRow[]> {
  const { rows } =
    'groupId' in room
      ? await db.query<AnnotationColumns>(
          `SELECT ${columns} FROM annotations a JOIN users u ON u.id = a.author_id
            WHERE a.group_id = $1 AND a.document_id = $2 ORDER BY a.created_at, a.id`,
          [room.groupId, room.documentId],
        )
      : await db.query<AnnotationColumns>(
          `SELECT ${columns} FROM annotations a JOIN users u ON u.id = a.author_id
            WHERE a.group_id IS NULL AND a.author_id = $1 AND a.document_id = $2 ORDER BY a.created_at, a.id`,
          [room.userId, room.documentId],
        );
  return rows.map(toRow);
}

export type AnnotationChanges = Partial<Pick<AnnotationRow, 'kind' | 'body' | 'tags' | 'status' | 'isHidden' | 'deletedAt' | 'selectors'>>;

/** Applies the changes and returns the row as it now stands, in one round trip. */
export async function updateAnnotation(db: Queryable, id: string, changes: AnnotationChanges): Promise<AnnotationRow> {
  const { rows } = await db.query<AnnotationColumns>(
    `WITH a AS (UPDATE annotations SET
       kind = coalesce($2, kind), body = coalesce($3, body), tags = coalesce($4, tags), status = coalesce($5, status),
       is_hidden = coalesce($6, is_hidden), deleted_at = CASE WHEN $7::boolean THEN coalesce(deleted_at, now()) ELSE deleted_at END,
       selectors = coalesce($8::jsonb, selectors),
       edited_at = CASE WHEN $2::text IS NOT NULL OR $3::text IS NOT NULL THEN now() ELSE edited_at END,
       updated_at = now()
     WHERE id = $1 RETURNING *)
     SELECT ${columns} FROM a JOIN users u ON u.id = a.author_id`,
    [
      id,
      changes.kind ?? null,
      changes.body ?? null,
      changes.tags ?? null,
      changes.status ?? null,
      changes.isHidden ?? null,
      changes.deletedAt !== undefined,
      changes.selectors ? JSON.stringify(changes.selectors) : null,
    ],
  );
  return toRow(rows[0]!);
}

export interface CreateFacts {
  text: string;
  version: number;
  /** The actor's role in the group, null when not a member or for private notes. */
  role: Role | null;
  isDocumentInGroup: boolean;
}

/** What creating an annotation must know, in one query: the document's text, the actor's role, the group's documents. */
export async function findCreateFacts(db: Queryable, facts: { documentId: string; groupId: string | null; userId: string }): Promise<CreateFacts | null> {
  const { rows } = await db.query<{ text: string; version: number; role: Role | null; in_group: boolean }>(
    `SELECT d.text, d.version, m.role, gd.document_id IS NOT NULL AS in_group
       FROM documents d
       LEFT JOIN memberships m ON m.group_id = $2 AND m.user_id = $3
       LEFT JOIN group_documents gd ON gd.group_id = $2 AND gd.document_id = d.id
      WHERE d.id = $1`,
    [facts.documentId, facts.groupId, facts.userId],
  );
  const row = rows[0];
  return row ? { text: row.text, version: row.version, role: row.role, isDocumentInGroup: row.in_group } : null;
}
