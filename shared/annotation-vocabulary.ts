/**
 * The words of annotations that the browser needs as values (kinds, limits, history's actions),
 * apart from the zod schemas of annotations.ts, so that the client's bundle carries no schema code.
 */
export const annotationLimits = {
  body: 20_000,
  tag: 60,
  tags: 20,
  /** The id a Web Annotation client gave, kept as `via`. */
  w3cVia: 2_000,
} as const;

/** What an annotation is for; each is a W3C motivation. */
export const annotationKinds = ['comment', 'question', 'correction', 'highlight'] as const;
export type AnnotationKind = (typeof annotationKinds)[number];
export const motivationOfKind: Record<AnnotationKind, string> = {
  comment: 'commenting',
  question: 'questioning',
  correction: 'editing',
  highlight: 'highlighting',
};

/** The actions that `annotation_events` records. */
export const eventActions = ['created', 'edited', 'tagged', 'resolved', 'reopened', 'hidden', 'unhidden', 'deleted', 'reanchored'] as const;
export type EventAction = (typeof eventActions)[number];
