/** All SQL about which library documents a group reads. */
import type { Queryable } from '../db/database.ts';

export interface GroupDocumentRow {
  id: string;
  title: string;
  addedAt: Date;
}

export async function insertGroupDocument(db: Queryable, link: { groupId: string; documentId: string; addedBy: string | null }): Promise<void> {
  await db.query(
    'INSERT INTO group_documents (group_id, document_id, added_by) VALUES ($1, $2, $3) ON CONFLICT (group_id, document_id) DO NOTHING',
    [link.groupId, link.documentId, link.addedBy],
  );
}

export async function findGroupDocuments(db: Queryable, groupId: string): Promise<GroupDocumentRow[]> {
  const { rows } = await db.query<{ id: string; title: string; added_at: Date }>(
    `SELECT d.id, d.title, gd.added_at
       FROM group_documents gd JOIN documents d ON d.id = gd.document_id
      WHERE gd.group_id = $1
      ORDER BY gd.added_at, d.id`,
    [groupId],
  );
  return rows.map((row) => ({ id: row.id, title: row.title, addedAt: row.added_at }));
}

export async function isDocumentInGroup(db: Queryable, groupId: string, documentId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM group_documents WHERE group_id = $1 AND document_id = $2', [groupId, documentId]);
  return rows.length > 0;
}
