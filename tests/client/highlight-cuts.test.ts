/** Cutting overlapping highlights into pieces by one sweep, checked against the definition. */
import { describe, expect, it } from 'vitest';
import { cutHighlights, recutHighlights, type HighlightRange } from '../../client/document/highlights.ts';

const range = (id: string, start: number, end: number): HighlightRange => ({ id, start, end, kind: 'comment', isPending: false });
const ids = (ranges: readonly HighlightRange[]) => ranges.map((r) => r.id);

/** The definition: every stretch between two consecutive boundaries, with every range covering it. */
function cutByDefinition(ranges: HighlightRange[]): { start: number; end: number; ids: string[] }[] {
  const valid = ranges.filter((r) => r.end > r.start);
  const cuts = [...new Set(valid.flatMap((r) => [r.start, r.end]))].sort((a, b) => a - b);
  const pieces: { start: number; end: number; ids: string[] }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    const covering = valid.filter((r) => r.start <= from && r.end >= to).sort((a, b) => a.end - a.start - (b.end - b.start));
    if (covering.length > 0) pieces.push({ start: from, end: to, ids: ids(covering) });
  }
  return pieces;
}

describe('cutting highlights into pieces', () => {
  it('cuts two overlapping ranges into three pieces, the overlap covered by both', () => {
    const pieces = cutHighlights([range('a', 0, 10), range('b', 5, 15)]);
    expect(pieces.map((p) => [p.start, p.end, ids(p.covering)])).toEqual([
      [0, 5, ['a']],
      [5, 10, ['a', 'b']],
      [10, 15, ['b']],
    ]);
  });

  it('lists the innermost annotation first, and equal lengths in the order given', () => {
    const pieces = cutHighlights([range('outer', 0, 20), range('inner', 5, 8), range('twin', 5, 8)]);
    expect(pieces.find((p) => p.start === 5)?.covering.map((r) => r.id)).toEqual(['inner', 'twin', 'outer']);
  });

  it('leaves gaps uncovered and ignores empty ranges', () => {
    const pieces = cutHighlights([range('a', 0, 2), range('empty', 3, 3), range('b', 4, 6)]);
    expect(pieces.map((p) => [p.start, p.end])).toEqual([
      [0, 2],
      [4, 6],
    ]);
  });

  it('agrees with the definition on many random overlapping ranges', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ranges: HighlightRange[] = [];
    for (let i = 0; i < 300; i++) {
      const earlier = ranges.length > 0 && random() < 0.3 ? ranges[Math.floor(random() * ranges.length)] : undefined;
      const start = earlier ? earlier.start + Math.floor((earlier.end - earlier.start) / 2) : Math.floor(random() * 2000);
      ranges.push(range(`r${i}`, start, start + Math.floor(random() * 80)));
    }
    expect(cutHighlights(ranges).map((p) => ({ start: p.start, end: p.end, ids: ids(p.covering) }))).toEqual(cutByDefinition(ranges));
  });

  it('cuts again only where the ranges changed, agreeing with a cut afresh after every change', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const randomRange = (id: string): HighlightRange => {
      const start = Math.floor(random() * 600);
      return range(id, start, start + Math.floor(random() * 60));
    };
    let ranges = Array.from({ length: 120 }, (_, i) => randomRange(`r${i}`));
    let pieces = cutHighlights(ranges);
    for (let step = 0; step < 300; step++) {
      const next = [...ranges];
      const what = random();
      const at = Math.floor(random() * next.length);
      if (what < 0.35) next.splice(at, 0, randomRange(`n${step}`));
      else if (what < 0.6) next.splice(at, 1);
      else if (what < 0.8) next[at] = { ...randomRange((next[at] as HighlightRange).id) };
      else if (what < 0.9) next[at] = { ...(next[at] as HighlightRange), isPending: true };
      else next.reverse();
      const again = recutHighlights({ ranges, pieces }, next);
      const afresh = cutHighlights(next);
      expect(again.map((p) => [p.start, p.end, ids(p.covering)])).toEqual(afresh.map((p) => [p.start, p.end, ids(p.covering)]));
      ranges = next;
      pieces = [...again];
    }
  });

  it('keeps the very pieces away from a change', () => {
    const before = [range('a', 0, 10), range('b', 5, 15), range('c', 100, 120)];
    const pieces = cutHighlights(before);
    const again = recutHighlights({ ranges: before, pieces }, [...before, range('d', 110, 130)]);
    expect(again.slice(0, 3)).toEqual(pieces.slice(0, 3));
    expect(again[0]).toBe(pieces[0]);
  });
});
