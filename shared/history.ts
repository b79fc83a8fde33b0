/** An annotation's history and a document's timeline, as the API sends them (docs/api.md, "History"). */
import type { AnnotationKind, AnnotationStatus, EventAction } from './annotations.ts';
import type { DiffPart } from './word-diff.ts';

/** An annotation's state after one of its events. */
export interface Revision {
  n: number;
  action: EventAction;
  actor: { id: string; name: string };
  at: string;
  kind: AnnotationKind;
  /** null when the reader may not see it (hidden from them). */
  body: string | null;
  tags: string[];
  status: AnnotationStatus;
  isHidden: boolean;
  isDeleted: boolean;
  /** The word diff of the body from the revision before; null when it did not change. */
  diff: DiffPart[] | null;
  /** On a re-anchoring by a new version of the source: the version the annotation moved onto. */
  documentVersion?: number;
}

/** One line of a document's timeline in a group. */
export interface TimelineEvent {
  id: string;
  annotationId: string;
  replyId: string | null;
  action: EventAction;
  actor: { id: string; name: string };
  at: string;
  kind: AnnotationKind;
  quote: string;
  offset: number;
}
