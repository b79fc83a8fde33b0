/** All SQL about annotations. Rows carry their author's display name, as rooms show it. */
import type { AnnotationKind, AnnotationStatus, CommandResult, Visibility } from '../../shared/annotations.ts';
import type { Role } from '../../shared/accounts.ts';
import type { Selectors } from '../../shared/selectors.ts';
import type { Queryable } from '../db/database.ts';
import type { NewTag } from './group-tags.ts';

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

/** A create as the batch made it: the whole row (times are the server's), and its command's answer. */
export interface CreatedAnnotation {
  row: AnnotationRow;
  commandId: string;
  result: CommandResult;
  /** The id a W3C Protocol client gave it. */
  via?: string | null;
}

/**
 * Writes creates in one statement, atomic by itself: the rows, their 'created' events (the author's
 * act; `after` holds what was written) and their commands' answers, so that a retry answers the
 * same. However many creates a batch brings, this is one round trip and needs no transaction.
 */
export async function insertCreatedAnnotations(db: Queryable, creates: readonly CreatedAnnotation[], newTags: readonly NewTag[] = []): Promise<void> {
  if (creates.length === 0) return;
  // The tags these creates bring that their seminars' vocabularies lack join them in the same statement.
  await db.query(
    `WITH v AS (
       INSERT INTO group_tags (group_id, name, colour, created_by)
       SELECT v.group_id, v.name, marginalia_tag_colour(v.name), v.created_by
         FROM jsonb_to_recordset($2::jsonb) AS v(group_id uuid, name text, created_by uuid)
       ON CONFLICT (group_id, lower(name)) DO NOTHING),
     n AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS n(id uuid, document_id text, document_version integer, group_id uuid, visibility text,
                                                       author_id uuid, kind text, selectors jsonb, body text, tags jsonb, created_at timestamptz,
                                                       command_id uuid, result jsonb, w3c_via text)),
     a AS (
       INSERT INTO annotations (id, document_id, document_version, group_id, visibility, author_id, kind, selectors, body, tags, created_at, updated_at, w3c_via)
       SELECT n.id, n.document_id, n.document_version, n.group_id, n.visibility, n.author_id, n.kind, n.selectors, n.body,
              ARRAY(SELECT t.tag FROM jsonb_array_elements_text(n.tags) WITH ORDINALITY AS t(tag, i) ORDER BY t.i), n.created_at, n.created_at, n.w3c_via
         FROM n),
     e AS (
       INSERT INTO annotation_events (annotation_id, document_id, group_id, actor_id, action, before, after, created_at)
       SELECT n.id, n.document_id, n.group_id, n.author_id, 'created', NULL,
              jsonb_build_object('kind', n.kind, 'body', n.body, 'tags', n.tags, 'selectors', n.selectors), n.created_at
         FROM n)
     INSERT INTO applied_commands (command_id, actor_id, result) SELECT n.command_id, n.author_id, n.result FROM n`,
    [
      JSON.stringify(
        creates.map(({ row, commandId, result, via }) => ({
          id: row.id,
          document_id: row.documentId,
          document_version: row.documentVersion,
          group_id: row.groupId,
          visibility: row.visibility,
          author_id: row.authorId,
          kind: row.kind,
          selectors: row.selectors,
          body: row.body,
          tags: row.tags,
          created_at: row.createdAt,
          command_id: commandId,
          result,
          w3c_via: via ?? null,
        })),
      ),
      JSON.stringify(newTags.map((tag) => ({ group_id: tag.groupId, name: tag.name, created_by: tag.createdBy }))),
    ],
  );
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
  /** The actor's display name, as the new record shows it. */
  userName: string;
}

export interface CreateQuestion {
  documentId: string;
  groupId: string | null;
  userId: string;
}

/** What creating an annotation must know, in one query: the document's text, the actor's role, the group's documents. */
export async function findCreateFacts(db: Queryable, facts: CreateQuestion): Promise<CreateFacts | null> {
  return (await findCreateFactsOf(db, [facts]))[0]!;
}

/** The facts of several creates in one round trip, in their order; each document's text comes once. */
export async function findCreateFactsOf(db: Queryable, questions: readonly CreateQuestion[]): Promise<(CreateFacts | null)[]> {
  const { rows } = await db.query<{ i: number; text: string | null; version: number; role: Role | null; in_group: boolean; user_name: string }>(
    `SELECT q.i, CASE WHEN q.i = min(q.i) OVER (PARTITION BY d.id) THEN d.text END AS text, d.version, m.role,
            gd.document_id IS NOT NULL AS in_group, u.display_name AS user_name
       FROM jsonb_to_recordset($1::jsonb) AS q(i integer, document_id text, group_id uuid, user_id uuid)
       JOIN documents d ON d.id = q.document_id
       JOIN users u ON u.id = q.user_id
       LEFT JOIN memberships m ON m.group_id = q.group_id AND m.user_id = q.user_id
       LEFT JOIN group_documents gd ON gd.group_id = q.group_id AND gd.document_id = d.id`,
    [JSON.stringify(questions.map((question, i) => ({ i, document_id: question.documentId, group_id: question.groupId, user_id: question.userId })))],
  );
  const texts = new Map<string, string>();
  for (const row of rows) if (row.text !== null) texts.set(questions[row.i]!.documentId, row.text);
  const answers: (CreateFacts | null)[] = questions.map(() => null);
  for (const row of rows) {
    answers[row.i] = { text: texts.get(questions[row.i]!.documentId)!, version: row.version, role: row.role, isDocumentInGroup: row.in_group, userName: row.user_name };
  }
  return answers;
}

/** The live annotations of a group (all its documents) that carry a tag, in any case; locked for a retag. */
export async function findAnnotationsTagged(db: Queryable, groupId: string, tag: string): Promise<AnnotationRow[]> {
  const { rows } = await db.query<AnnotationColumns>(
    `SELECT ${columns} FROM annotations a JOIN users u ON u.id = a.author_id
      WHERE a.group_id = $1 AND a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM unnest(a.tags) AS t(name) WHERE lower(t.name) = lower($2))
      ORDER BY a.created_at, a.id
      FOR UPDATE OF a`,
    [groupId, tag],
  );
  return rows.map(toRow);
}

/** Sets the tags of several annotations in one round trip; answers the rows as they now stand. */
export async function updateTagsOf(db: Queryable, changes: readonly { id: string; tags: string[] }[]): Promise<AnnotationRow[]> {
  if (changes.length === 0) return [];
  const { rows } = await db.query<AnnotationColumns>(
    `WITH n AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS n(id uuid, tags jsonb)),
     a AS (
       UPDATE annotations a
          SET tags = ARRAY(SELECT t.tag FROM jsonb_array_elements_text(n.tags) WITH ORDINALITY AS t(tag, i) ORDER BY t.i), updated_at = now()
         FROM n WHERE a.id = n.id
       RETURNING a.*)
     SELECT ${columns} FROM a JOIN users u ON u.id = a.author_id ORDER BY a.created_at, a.id`,
    [JSON.stringify(changes.map((change) => ({ id: change.id, tags: change.tags })))],
  );
  return rows.map(toRow);
}
