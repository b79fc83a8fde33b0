/**
 * A seminar's layer on a document → a W3C `AnnotationCollection` in JSON-LD, with one embedded
 * `AnnotationPage` holding every item (no paging: a layer is read whole, as the room reads it).
 *
 * Items run in thread order: each annotation, then the replies to it in the order they were written,
 * so that whatever a reply targets comes before it. Every item carries the model's `@context` itself,
 * so that it stays a valid annotation when lifted out of the collection (posted to a Protocol server,
 * say); JSON-LD allows the repetition.
 *
 * Pure: the caller reads the layer as the room shows it (no hidden bodies) and the document version.
 * Private notes are never part of a group's export, even if a caller passed one.
 */
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import { codePointOffsets } from '../../shared/code-points.ts';
import type { Iris } from './iris.ts';
import { annotationContext, type AnnotationCollection, type WebAnnotation } from './model.ts';
import { annotationToW3c, replyToW3c } from './web-annotation.ts';

export interface ExportedDocument {
  id: string;
  version: number;
  title: string;
  /** The canonical text of that version. */
  text: string;
}

export interface CollectionInput {
  iris: Iris;
  group: { id: string; name: string };
  document: ExportedDocument;
  layer: { annotations: AnnotationRecord[]; replies: ReplyRecord[] };
  /** The ids W3C Protocol clients gave items, by our id (served as `via`). */
  vias?: ReadonlyMap<string, string>;
}

export function annotationCollection(input: CollectionInput): AnnotationCollection {
  const { iris, group, document } = input;
  const items = layerItems(input);
  return {
    '@context': annotationContext,
    id: iris.collection,
    type: 'AnnotationCollection',
    label: layerLabel(group, document),
    total: items.length,
    first: { id: iris.page, type: 'AnnotationPage', startIndex: 0, items },
    last: iris.page,
  };
}

/** What a person reads as the name of the layer: the seminar, the document and its version. */
export const layerLabel = (group: { name: string }, document: Pick<ExportedDocument, 'title' | 'version'>) =>
  `${group.name}: annotations on “${document.title}” (version ${document.version})`;

/** The layer's items in thread order: what the export's page and the Protocol container hold. */
export function layerItems({ iris, group, document, layer, vias = new Map() }: CollectionInput): WebAnnotation[] {
  const version = { iri: iris.documentVersion(document.id, document.version), text: document.text, offsets: codePointOffsets(document.text) };
  const repliesTo = new Map<string, ReplyRecord[]>();
  for (const reply of layer.replies) repliesTo.set(reply.annotationId, [...(repliesTo.get(reply.annotationId) ?? []), reply]);

  const items: WebAnnotation[] = [];
  for (const annotation of layer.annotations) {
    if (annotation.visibility !== 'group' || annotation.groupId !== group.id || annotation.documentId !== document.id) continue;
    items.push(annotationToW3c(annotation, iris, version, vias.get(annotation.id)));
    for (const reply of repliesTo.get(annotation.id) ?? []) items.push(replyToW3c(reply, iris, vias.get(reply.id)));
  }
  return items;
}
