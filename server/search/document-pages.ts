/**
 * Printed pages of passages, for search results. A document version never changes, so its text map
 * is built once and kept (a few documents per instance; the cache is bounded anyway).
 */
import { Node as PMNode } from 'prosemirror-model';
import { buildTextMap, pageAt } from '../../shared/canonical-text.ts';
import { documentSchema } from '../../shared/schema.ts';
import type { Queryable } from '../db/database.ts';
import { findDocument } from '../repos/documents.ts';

export type PageOf = (offset: number) => number | null;

const maxCached = 64;
const cache = new Map<string, PageOf>();

/** The page finder of each document version asked for; a document missing or of another version gets none. */
export async function pageFinders(db: Queryable, documents: { id: string; version: number }[]): Promise<Map<string, PageOf>> {
  const finders = new Map<string, PageOf>();
  for (const { id, version } of documents) {
    const key = `${id}@${version}`;
    let finder = cache.get(key);
    if (!finder) {
      const document = await findDocument(db, id);
      if (!document || document.version !== version) continue;
      const textMap = buildTextMap(PMNode.fromJSON(documentSchema, document.body));
      const firstPage = document.citation?.firstPage ?? null;
      finder = (offset) => pageAt(textMap, offset, firstPage);
      if (cache.size >= maxCached) cache.clear();
      cache.set(key, finder);
    }
    finders.set(id, finder);
  }
  return finders;
}
