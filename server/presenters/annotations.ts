/**
 * Annotation and reply rows → the records of shared/annotations.ts. What a room holds is the same for
 * every reader, so it never carries a hidden or deleted body; the author of a command gets theirs.
 */
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import type { AnnotationRow } from '../repos/annotations.ts';
import type { ReplyRow } from '../repos/replies.ts';

interface Readable {
  body: string;
  isHidden: boolean;
  deletedAt: Date | null;
}

/** The body a reader gets: none for what is deleted, none for what is hidden unless they may see it. */
function visibleBody(row: Readable, withHiddenBody: boolean): string | null {
  return row.deletedAt !== null || (row.isHidden && !withHiddenBody) ? null : row.body;
}

export function presentAnnotation(row: AnnotationRow, options: { withHiddenBody: boolean }): AnnotationRecord {
  const isDeleted = row.deletedAt !== null;
  return {
    id: row.id,
    documentId: row.documentId,
    groupId: row.groupId,
    visibility: row.visibility,
    kind: row.kind,
    selectors: row.selectors,
    body: visibleBody(row, options.withHiddenBody),
    tags: isDeleted ? [] : row.tags,
    status: row.status,
    isHidden: row.isHidden,
    isDeleted,
    authorId: row.authorId,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

export function presentReply(row: ReplyRow, options: { withHiddenBody: boolean }): ReplyRecord {
  return {
    id: row.id,
    annotationId: row.annotationId,
    parentId: row.parentId,
    body: visibleBody(row, options.withHiddenBody),
    isHidden: row.isHidden,
    isDeleted: row.deletedAt !== null,
    authorId: row.authorId,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}
