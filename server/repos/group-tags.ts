/** All SQL about seminars' tag vocabularies (migrations/0007_tag_vocabulary.sql). */
import type { Queryable } from '../db/database.ts';

export interface TagRow {
  id: string;
  groupId: string;
  name: string;
  colour: string | null;
  description: string;
}

export interface VocabularyRows {
  isLocked: boolean;
  tags: TagRow[];
}

interface TagColumns {
  id: string;
  group_id: string;
  name: string;
  colour: string | null;
  description: string;
}

const toRow = (row: TagColumns): TagRow => ({ id: row.id, groupId: row.group_id, name: row.name, colour: row.colour, description: row.description });

/** A new tag met while annotating, to join its group's vocabulary. */
export interface NewTag {
  groupId: string;
  name: string;
  createdBy: string;
}

/**
 * The vocabularies of these groups, in one round trip: whether each is locked and its tags by name.
 * A group that does not exist is absent from the answer.
 */
export async function findVocabularies(db: Queryable, groupIds: readonly string[]): Promise<Map<string, VocabularyRows>> {
  const { rows } = await db.query<{ group_id: string; tags_locked: boolean; tags: TagColumns[] | null }>(
    `SELECT g.id AS group_id, g.tags_locked,
            (SELECT jsonb_agg(jsonb_build_object('id', t.id, 'group_id', t.group_id, 'name', t.name, 'colour', t.colour, 'description', t.description)
                              ORDER BY lower(t.name), t.id)
               FROM group_tags t WHERE t.group_id = g.id) AS tags
       FROM groups g WHERE g.id = ANY($1::uuid[])`,
    [[...new Set(groupIds)]],
  );
  return new Map(rows.map((row) => [row.group_id, { isLocked: row.tags_locked, tags: (row.tags ?? []).map(toRow) }]));
}

export async function findVocabulary(db: Queryable, groupId: string): Promise<VocabularyRows | null> {
  return (await findVocabularies(db, [groupId])).get(groupId) ?? null;
}

/** Adds tags met while annotating, coloured from the palette; a name already there is left as it is. */
export async function insertNewTags(db: Queryable, tags: readonly NewTag[]): Promise<void> {
  if (tags.length === 0) return;
  await db.query(
    `INSERT INTO group_tags (group_id, name, colour, created_by)
     SELECT n.group_id, n.name, marginalia_tag_colour(n.name), n.created_by
       FROM jsonb_to_recordset($1::jsonb) AS n(group_id uuid, name text, created_by uuid)
     ON CONFLICT (group_id, lower(name)) DO NOTHING`,
    [JSON.stringify(tags.map((tag) => ({ group_id: tag.groupId, name: tag.name, created_by: tag.createdBy })))],
  );
}

/** A tag made by hand; null when the vocabulary already has the name. No colour given: the palette's. */
export async function insertTag(
  db: Queryable,
  tag: { groupId: string; name: string; colour?: string | null | undefined; description: string; createdBy: string },
): Promise<TagRow | null> {
  const { rows } = await db.query<TagColumns>(
    `INSERT INTO group_tags (group_id, name, colour, description, created_by)
     VALUES ($1, $2, CASE WHEN $3::boolean THEN $4 ELSE marginalia_tag_colour($2) END, $5, $6)
     ON CONFLICT (group_id, lower(name)) DO NOTHING
     RETURNING id, group_id, name, colour, description`,
    [tag.groupId, tag.name, tag.colour !== undefined, tag.colour ?? null, tag.description, tag.createdBy],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

/** With `lock`, no one else renames, merges or deletes the tag until the transaction ends. */
export async function findTag(db: Queryable, groupId: string, tagId: string, options: { lock?: boolean } = {}): Promise<TagRow | null> {
  const { rows } = await db.query<TagColumns>(
    `SELECT id, group_id, name, colour, description FROM group_tags WHERE group_id = $1 AND id = $2${options.lock ? ' FOR UPDATE' : ''}`,
    [groupId, tagId],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

/** The tag, if another of the group's tags than `exceptId` has this name in any case. */
export async function findTagNamed(db: Queryable, groupId: string, name: string, exceptId: string): Promise<TagRow | null> {
  const { rows } = await db.query<TagColumns>(
    'SELECT id, group_id, name, colour, description FROM group_tags WHERE group_id = $1 AND lower(name) = lower($2) AND id <> $3',
    [groupId, name, exceptId],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export async function updateTag(db: Queryable, id: string, changes: { name?: string; colour?: string | null; description?: string }): Promise<TagRow> {
  const { rows } = await db.query<TagColumns>(
    `UPDATE group_tags SET name = coalesce($2, name), colour = CASE WHEN $3::boolean THEN $4 ELSE colour END,
            description = coalesce($5, description), updated_at = now()
      WHERE id = $1 RETURNING id, group_id, name, colour, description`,
    [id, changes.name ?? null, changes.colour !== undefined, changes.colour ?? null, changes.description ?? null],
  );
  return toRow(rows[0]!);
}

export async function deleteTag(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM group_tags WHERE id = $1', [id]);
}

export async function updateVocabularyLock(db: Queryable, groupId: string, isLocked: boolean): Promise<void> {
  await db.query('UPDATE groups SET tags_locked = $2 WHERE id = $1', [groupId, isLocked]);
}

/** How many live annotations of the group carry each tag, by author; one row per (tag, author). */
export async function findTagUsage(db: Queryable, groupId: string): Promise<{ name: string; userId: string; userName: string; count: number }[]> {
  const { rows } = await db.query<{ name: string; user_id: string; user_name: string; count: number }>(
    `SELECT t.name, a.author_id AS user_id, u.display_name AS user_name, count(*)::int AS count
       FROM group_tags t
       JOIN annotations a ON a.group_id = t.group_id AND a.deleted_at IS NULL
        AND EXISTS (SELECT 1 FROM unnest(a.tags) AS x(name) WHERE lower(x.name) = lower(t.name))
       JOIN users u ON u.id = a.author_id
      WHERE t.group_id = $1
      GROUP BY t.name, a.author_id, u.display_name
      ORDER BY lower(t.name), count(*) DESC, u.display_name`,
    [groupId],
  );
  return rows.map((row) => ({ name: row.name, userId: row.user_id, userName: row.user_name, count: row.count }));
}
