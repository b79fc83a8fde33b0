/**
 * Annotation and reply rows → the records of shared/annotations.ts. What a room holds is the same for
 * every reader, so it never carries a hidden or deleted body; the author of a command gets theirs.
 */
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import type { AnnotationRow } from '../repos/annotations.ts';
import type { ReplyRow } from '../repos/replies.ts';

export function presentAnnotation(row: AnnotationRow, options: { withHiddenBody: boolean }): AnnotationRecord {
  const isDeleted = row.deletedAt !== null;
  return {
    id: row.id,
    documentId: row.documentId,
    groupId: row.groupId,
    visibility: row.visibility,
    kind: row.kind,
    selectors: row.selectors,
    body: isDeleted || (row.isHidden && !options.withHiddenBody) ? null : row.body,
    tags: isDeleted ? [] : row.tags,
    status: row.status,
    isHidden: row.isHidden,
    isDeleted,
    authorId: row.authorId,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentReply(row: ReplyRow, options: { withHiddenBody: boolean }): ReplyRecord {
  const isDeleted = row.deletedAt !== null;
  return {
    id: row.id,
    annotationId: row.annotationId,
    parentId: row.parentId,
    body: isDeleted || (row.isHidden && !options.withHiddenBody) ? null : row.body,
    isHidden: row.isHidden,
    isDeleted,
    authorId: row.authorId,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
