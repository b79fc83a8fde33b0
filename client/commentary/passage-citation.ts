/** A selected passage of the document as the commentary cites it: selectors, document and printed page. */
import { pageAt, type TextMap } from '../../shared/canonical-text.ts';
import type { PassageCitationAttrs } from '../../shared/commentary-schema.ts';
import { describeRange } from '../../shared/describe-range.ts';
import type { DocumentRecord } from '../../shared/document.ts';

export function citationOfPassage(record: Pick<DocumentRecord, 'id' | 'citation'>, textMap: TextMap, passage: { start: number; end: number }): PassageCitationAttrs {
  return {
    documentId: record.id,
    selectors: describeRange(textMap.text, passage.start, passage.end),
    page: pageAt(textMap, passage.start, record.citation?.firstPage ?? null),
  };
}
