import { describe, expect, it } from 'vitest';
import { codePointOffsets, isInsideSurrogatePair, snapToCodePoint, toCodePointOffset, toUtf16Offset } from '../../shared/code-points.ts';

// "𝔐" (U+1D510) and "😀" (U+1F600) are one code point and two UTF-16 units each.
const fraktur = '𝔐';
const smile = '😀';

/** Every character boundary of `text` as [UTF-16 offset, code point offset], counted the slow, obvious way. */
function boundaries(text: string): [number, number][] {
  const found: [number, number][] = [[0, 0]];
  let units = 0;
  let points = 0;
  for (const character of text) {
    units += character.length;
    points += 1;
    found.push([units, points]);
  }
  return found;
}

describe('code point offsets', () => {
  it('are UTF-16 offsets in a text inside the Basic Multilingual Plane', () => {
    const text = 'Moscow — “a conference on human rights”';
    for (const offset of [0, 7, 20, text.length]) {
      expect(toCodePointOffset(text, offset)).toBe(offset);
      expect(toUtf16Offset(text, offset)).toBe(offset);
    }
  });

  it('count a character outside the BMP once, at the start, in the middle and at the end', () => {
    const atStart = `${fraktur}oscow`;
    expect(toCodePointOffset(atStart, 2)).toBe(1);
    expect(toCodePointOffset(atStart, atStart.length)).toBe(6);
    expect(toUtf16Offset(atStart, 1)).toBe(2);

    const inMiddle = `the ${smile} memo`;
    expect(toCodePointOffset(inMiddle, 4)).toBe(4); // before the emoji
    expect(toCodePointOffset(inMiddle, 6)).toBe(5); // after it
    expect(toCodePointOffset(inMiddle, inMiddle.length)).toBe(10);
    expect(toUtf16Offset(inMiddle, 5)).toBe(6);
    expect(inMiddle.slice(toUtf16Offset(inMiddle, 6))).toBe('memo');

    const atEnd = `memo ${fraktur}${smile}`;
    expect(toCodePointOffset(atEnd, atEnd.length)).toBe(7);
    expect(toUtf16Offset(atEnd, 7)).toBe(atEnd.length);
    expect(toUtf16Offset(atEnd, 6)).toBe(7);
  });

  it('convert every boundary both ways in a text dense with astral characters', () => {
    const text = `${fraktur}${fraktur}a${smile}b${fraktur}\n${smile}${smile}`;
    const offsets = codePointOffsets(text);
    expect(offsets.codePointLength).toBe([...text].length);
    for (const [units, points] of boundaries(text)) {
      expect(offsets.toCodePoints(units)).toBe(points);
      expect(offsets.toCodePoints(units, 'forward')).toBe(points);
      expect(offsets.toUtf16(points)).toBe(units);
    }
  });

  it('moves an offset inside a surrogate pair to the edge of its character, as asked', () => {
    const text = `ab${smile}cd`;
    expect(isInsideSurrogatePair(text, 3)).toBe(true);
    expect(isInsideSurrogatePair(text, 2)).toBe(false);
    expect(isInsideSurrogatePair(text, 4)).toBe(false);
    expect(toCodePointOffset(text, 3)).toBe(2);
    expect(toCodePointOffset(text, 3, 'backward')).toBe(2);
    expect(toCodePointOffset(text, 3, 'forward')).toBe(3);
    expect(snapToCodePoint(text, 3, 'backward')).toBe(2);
    expect(snapToCodePoint(text, 3, 'forward')).toBe(4);
    expect(snapToCodePoint(text, 4, 'backward')).toBe(4);
  });

  it('counts a lone surrogate as one code point, as JavaScript iterates it', () => {
    const text = 'a\ud835b\udd10c'; // a high half with no low after it, a low half with no high before it
    expect(isInsideSurrogatePair(text, 2)).toBe(false);
    expect(toCodePointOffset(text, 5)).toBe(5);
    expect(toUtf16Offset(text, 3)).toBe(3);
  });

  it('refuses offsets outside the text', () => {
    const text = `a${smile}`;
    expect(() => toCodePointOffset(text, -1)).toThrow(RangeError);
    expect(() => toCodePointOffset(text, 4)).toThrow(RangeError);
    expect(() => toCodePointOffset(text, 1.5)).toThrow(RangeError);
    expect(() => toUtf16Offset(text, 3)).toThrow(RangeError);
    expect(toUtf16Offset(text, 2)).toBe(3);
  });
});
