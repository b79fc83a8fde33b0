/**
 * Our selectors → a W3C target on one version of a document. Our positions count UTF-16 units of
 * the canonical text; the model's count code points, so they are converted against that same text.
 *
 * A passage whose edge falls inside a surrogate pair (a command may name any offsets that agree with
 * the text) is widened to whole characters, and its quote is taken from the text at the widened
 * range, so that the two selectors always describe the same passage of the version named by `source`.
 * The quote's context keeps our 32 units, shortened where it would begin or end on half a character.
 */
import type { Selectors } from '../../shared/selectors.ts';
import { quoteContextLength } from '../../shared/describe-range.ts';
import { snapToCodePoint, type CodePointOffsets } from '../../shared/code-points.ts';
import type { SpecificResource } from './model.ts';

export interface TextVersion {
  /** The IRI of this version of the document. */
  iri: string;
  /** Its canonical text (shared/canonical-text.ts). */
  text: string;
  offsets: CodePointOffsets;
}

export function textTarget(version: TextVersion, selectors: Selectors): SpecificResource {
  const { text, offsets } = version;
  const start = snapToCodePoint(text, selectors.position.start, 'backward');
  const end = snapToCodePoint(text, selectors.position.end, 'forward');
  const prefixStart = snapToCodePoint(text, Math.max(0, start - quoteContextLength), 'forward');
  const suffixEnd = snapToCodePoint(text, Math.min(text.length, end + quoteContextLength), 'backward');
  return {
    type: 'SpecificResource',
    source: version.iri,
    selector: [
      { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) },
      { type: 'TextPositionSelector', start: offsets.toCodePoints(start), end: offsets.toCodePoints(end) },
    ],
  };
}
