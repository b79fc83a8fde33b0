/**
 * Offsets in a text counted two ways: in UTF-16 code units, as JavaScript strings and our selectors
 * count (canonical-text.ts), and in Unicode code points, as the W3C Web Annotation model counts
 * (TextPositionSelector, https://www.w3.org/TR/annotation-model/#text-position-selector). They differ
 * only after a character outside the Basic Multilingual Plane ("𝔐", most emoji), which is one code
 * point but two code units (a surrogate pair).
 *
 * A UTF-16 offset that falls between the two halves of a pair names no character boundary. It is not
 * refused: it moves to the nearer edge the caller asks for (`rounding`), so that a range converted with
 * its start rounded backward and its end forward still covers every character it touched. A lone
 * surrogate (not part of a pair) is one code unit and one code point, as `for…of` counts it.
 * An offset outside the text is a caller's error and throws a RangeError.
 */

/** Where an offset inside a surrogate pair goes: before the character, or after it. */
export type Rounding = 'backward' | 'forward';

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Whether UTF-16 `offset` falls between the two halves of a surrogate pair of `text`. */
export function isInsideSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** A UTF-16 offset moved, if it must, to the boundary of a whole character. */
export function snapToCodePoint(text: string, offset: number, rounding: Rounding): number {
  return isInsideSurrogatePair(text, offset) ? offset + (rounding === 'forward' ? 1 : -1) : offset;
}

/**
 * Converts offsets in one text both ways in O(log n) each, for a document whose many annotations are
 * converted at once: it keeps the UTF-16 offsets where surrogate pairs begin.
 */
export interface CodePointOffsets {
  /** Code points before UTF-16 `offset` (0 ≤ offset ≤ text.length), `rounding` deciding inside a pair. */
  toCodePoints(offset: number, rounding?: Rounding): number;
  /** UTF-16 units before code point `offset` (0 ≤ offset ≤ the text's code point count). */
  toUtf16(offset: number): number;
  /** How many code points the whole text has. */
  readonly codePointLength: number;
}

export function codePointOffsets(text: string): CodePointOffsets {
  const pairStarts: number[] = [];
  for (let i = 0; i < text.length - 1; i += 1) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      pairStarts.push(i);
      i += 1;
    }
  }
  const codePointLength = text.length - pairStarts.length;
  /** How many of the sorted `values` are below `limit`. */
  const countBelow = (values: number[], limit: number, valueAt: (value: number, index: number) => number) => {
    let low = 0;
    let high = values.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (valueAt(values[middle]!, middle) < limit) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    codePointLength,
    toCodePoints(offset, rounding = 'backward') {
      if (!Number.isInteger(offset) || offset < 0 || offset > text.length) throw new RangeError(`UTF-16 offset ${offset} is outside a text of ${text.length} units`);
      const snapped = snapToCodePoint(text, offset, rounding);
      // Each pair that starts before the offset (and so, after snapping, ends before it) counts one unit less.
      return snapped - countBelow(pairStarts, snapped, (start) => start);
    },
    toUtf16(offset) {
      if (!Number.isInteger(offset) || offset < 0 || offset > codePointLength) throw new RangeError(`Code point offset ${offset} is outside a text of ${codePointLength} code points`);
      // The code point offset of the pair at pairStarts[i] is pairStarts[i] - i.
      return offset + countBelow(pairStarts, offset, (start, index) => start - index);
    },
  };
}

/** The code point offset of UTF-16 `offset` in `text`; for one conversion (see `codePointOffsets`). */
export function toCodePointOffset(text: string, offset: number, rounding: Rounding = 'backward'): number {
  return codePointOffsets(text).toCodePoints(offset, rounding);
}

/** The UTF-16 offset of code point `offset` in `text`. */
export function toUtf16Offset(text: string, offset: number): number {
  return codePointOffsets(text).toUtf16(offset);
}
