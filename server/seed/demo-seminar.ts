/**
 * The demo seminar: on a fresh instance, a group reading the memo, so that the first person to sign
 * up (who becomes its owner, see commands/sign-up.ts) has something to open and invite students to.
 * Made once; deleting or renaming it later is the owner's business.
 */
import type { Database } from '../db/database.ts';
import { findDocument } from '../repos/documents.ts';
import { insertGroupDocument } from '../repos/group-documents.ts';
import { insertGroup, insertMembership } from '../repos/groups.ts';
import { findDemoGroupId, findFirstUserId, setDemoGroupId } from '../repos/instance.ts';

export const demoDocumentId = 'frus1981-88v41-d97';

export async function ensureDemoSeminar(db: Database): Promise<{ created: boolean; groupId: string }> {
  return db.transaction(async (tx) => {
    const existing = await findDemoGroupId(tx, { lock: true });
    if (existing) return { created: false, groupId: existing };
    const group = await insertGroup(tx, {
      name: 'Demo seminar',
      description: 'Reading the 1987 memo “A Moscow Conference on Human Rights?” together.',
      createdBy: null,
    });
    if (await findDocument(tx, demoDocumentId)) {
      await insertGroupDocument(tx, { groupId: group.id, documentId: demoDocumentId, addedBy: null });
    }
    const firstUserId = await findFirstUserId(tx);
    if (firstUserId) await insertMembership(tx, { groupId: group.id, userId: firstUserId, role: 'owner' });
    await setDemoGroupId(tx, group.id);
    return { created: true, groupId: group.id };
  });
}
