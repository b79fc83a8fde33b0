/**
 * The facts the policy needs about an annotation (or one of its replies) and the person asking: their
 * role in its group, or whose private notes it is. One look-up for commands and reads alike.
 */
import type { Queryable } from '../db/database.ts';
import type { Resource } from '../policies/can.ts';
import type { AnnotationRow } from '../repos/annotations.ts';
import { findRole } from '../repos/groups.ts';

export async function annotationResource(
  db: Queryable,
  actorId: string,
  annotation: Pick<AnnotationRow, 'groupId' | 'authorId'>,
  /** Whose words are concerned: the annotation's author, or a reply's. */
  authorId: string = annotation.authorId,
): Promise<Extract<Resource, { type: 'annotation' }>> {
  return {
    type: 'annotation',
    role: annotation.groupId ? await findRole(db, annotation.groupId, actorId) : null,
    ownerId: annotation.groupId ? null : annotation.authorId,
    authorId,
  };
}
