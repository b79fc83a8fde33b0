/** The ids W3C Protocol clients gave the annotations and replies of a group's layer (their `via`). */
import type { Queryable } from '../db/database.ts';

/** Annotation and reply ids → the client's id, for those posted with one. */
export async function findLayerVias(db: Queryable, layer: { groupId: string; documentId: string }): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; w3c_via: string }>(
    `SELECT a.id, a.w3c_via FROM annotations a
      WHERE a.group_id = $1 AND a.document_id = $2 AND a.w3c_via IS NOT NULL
     UNION ALL
     SELECT r.id, r.w3c_via FROM replies r JOIN annotations a ON a.id = r.annotation_id
      WHERE a.group_id = $1 AND a.document_id = $2 AND r.w3c_via IS NOT NULL`,
    [layer.groupId, layer.documentId],
  );
  return new Map(rows.map((row) => [row.id, row.w3c_via]));
}
