/**
 * Who may read a room: the owner of private notes, and the members (observers included) of a group
 * that reads the document, for its layer and its commentary. Who may write one: a commentary's
 * members, moderators and owners; nobody writes an annotation room through it.
 */
import type { RoomName } from '../../shared/rooms.ts';
import type { Queryable } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize } from '../policies/can.ts';
import { findDocumentText } from '../repos/documents.ts';
import { isDocumentInGroup } from '../repos/group-documents.ts';
import { findRole } from '../repos/groups.ts';

export async function mayReadRoom(db: Queryable, actor: Extract<Actor, { type: 'user' }>, room: RoomName): Promise<boolean> {
  if (room.type === 'private') {
    return authorize(actor, 'account.read', { type: 'account', userId: room.userId }) === 'allow' && (await findDocumentText(db, room.documentId)) !== null;
  }
  const role = await findRole(db, room.groupId, actor.id);
  return authorize(actor, 'group.read', { type: 'group', role }) === 'allow' && (await isDocumentInGroup(db, room.groupId, room.documentId));
}

export async function mayWriteRoom(db: Queryable, actor: Extract<Actor, { type: 'user' }>, room: RoomName): Promise<boolean> {
  if (room.type !== 'commentary') return false;
  return authorize(actor, 'group.write', { type: 'group', role: await findRole(db, room.groupId, actor.id) }) === 'allow';
}
