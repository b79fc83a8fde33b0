/**
 * The printed page of a canonical offset in a document ("p. 289"), with each document's text map
 * built once per visit: the feed and the report ask about many offsets of few documents.
 */
import { Node as PMNode } from 'prosemirror-model';
import { buildTextMap, pageAt, type TextMap } from '../../shared/canonical-text.ts';
import type { DocumentRecord } from '../../shared/document.ts';
import { documentSchema } from '../../shared/schema.ts';
import { getDocument } from '../services/api.ts';

export type PageOf = (offset: number) => number | null;

const cache = new Map<string, Promise<{ record: DocumentRecord; pageOf: PageOf } | null>>();

export function pageFinder(record: DocumentRecord): PageOf {
  const map: TextMap = buildTextMap(PMNode.fromJSON(documentSchema, record.body));
  const firstPage = record.citation?.firstPage ?? null;
  return (offset) => pageAt(map, offset, firstPage);
}

/** The document and its page lookup, loaded once; null when it cannot be loaded. */
export function loadPages(documentId: string): Promise<{ record: DocumentRecord; pageOf: PageOf } | null> {
  let known = cache.get(documentId);
  if (!known) {
    known = getDocument(documentId).then((result) => (result.type === 'ok' ? { record: result.value, pageOf: pageFinder(result.value) } : null));
    cache.set(documentId, known);
    // A failure is not kept: the next item tries again.
    void known.then((value) => value ?? cache.delete(documentId));
  }
  return known;
}
