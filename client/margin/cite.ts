/** The citation of an annotated passage, as a historian would put it in a footnote, with its permalink. */
import { pageAt, type TextMap } from '../../shared/canonical-text.ts';
import type { Citation } from '../../shared/document.ts';
import { annotationPath } from '../../shared/search-results.ts';

/** A seminar's annotation opens in the seminar's reader; a private note in the plain reader. */
export function permalinkOf(groupId: string | null, documentId: string, annotationId: string): string {
  return `${location.origin}${annotationPath(groupId, documentId, annotationId)}`;
}

export function citePassage(options: { citation: Citation | null; title: string; textMap: TextMap; start: number; end: number; permalink: string }): string {
  const { citation, textMap, start, end } = options;
  const first = pageAt(textMap, start, citation?.firstPage ?? null);
  const last = pageAt(textMap, Math.max(start, end - 1), citation?.firstPage ?? null);
  const pages = first === null || last === null ? '' : first === last ? `, p. ${first}` : `, pp. ${first}–${last}`;
  const source = citation ? `${citation.series}, ${citation.volume}, Document ${citation.document}` : options.title;
  return `${source}${pages}. Annotation: ${options.permalink}`;
}
