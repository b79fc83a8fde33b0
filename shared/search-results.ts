/**
 * What a search asks and answers, as values and types the browser needs too (no zod here: the
 * schema of the query string is in shared/search.ts, for the server).
 */
import type { AnnotationKind } from './annotation-vocabulary.ts';
import type { AnnotationStatus } from './annotations.ts';

export const searchLimits = {
  /** Characters of a query: a few words or a phrase, never a pasted page. */
  text: 200,
  /** Results per page, and how far paging goes (the ranked candidates are bounded, docs/search.md). */
  pageSize: 50,
  offset: 500,
  tag: 60,
} as const;

export const searchStatuses = ['open', 'resolved'] as const;

/** The filters a search may carry, as the query string of GET /api/search names them. */
export interface SearchFilters {
  /** A seminar's id, or "private" for one's own notes only. */
  group?: string;
  document?: string;
  member?: string;
  tag?: string;
  status?: AnnotationStatus;
  /** Created on or after / before (ISO dates or times). */
  from?: string;
  to?: string;
}

/** A run of text, marked when it is what the query matched. */
export interface MarkedText {
  text: string;
  isMatch: boolean;
}

export interface SearchResult {
  annotationId: string;
  /** Null for the reader's own private notes. */
  groupId: string | null;
  groupName: string | null;
  documentId: string;
  documentTitle: string;
  kind: AnnotationKind;
  status: AnnotationStatus;
  author: { id: string; name: string };
  createdAt: string;
  tags: string[];
  /** Where the match was: the annotation itself, or one of its replies (then `reply` is set). */
  matchedIn: 'annotation' | 'reply';
  reply: { id: string; author: { id: string; name: string } } | null;
  /** The matched text (the annotation's or the reply's), with the matching words marked. */
  excerpt: MarkedText[];
  /** The quoted passage, its words marked, with the text around it as the document has it. */
  passage: { prefix: string; exact: MarkedText[]; suffix: string };
  /** The printed page of the passage, where the document has page numbers. */
  page: number | null;
  /** Where a click goes: the reader, opened at the annotation. */
  link: string;
  rank: number;
}

export interface SearchAnswer {
  results: SearchResult[];
  /** True when more matched than were ranked: narrowing the search (a filter, another word) helps. */
  isTruncated: boolean;
  /** Offset of the next page, or null when this is the last. */
  nextOffset: number | null;
}

/** The reader's address of an annotation: a seminar's reader, or the plain reader for private notes. */
export function annotationPath(groupId: string | null, documentId: string, annotationId: string): string {
  const page = groupId ? `/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(documentId)}` : `/documents/${encodeURIComponent(documentId)}`;
  return `${page}#annotation-${annotationId}`;
}
