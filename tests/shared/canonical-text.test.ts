import { describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import { documentSchema as schema } from '../../shared/schema.ts';
import { buildTextMap, canonicalText, pageAt, type TextMap } from '../../shared/canonical-text.ts';
import { importedMemo, memoDoc } from '../fixtures/memo.ts';

/** Every position inside a textblock's content. */
function textblockPositions(doc: PMNode): number[] {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    for (let p = pos + 1; p <= pos + 1 + node.content.size; p += 1) positions.push(p);
    return false;
  });
  return positions;
}

/** Asserts the map is exact in both directions for every offset and every text position of `doc`. */
function expectExactMap(doc: PMNode, map: TextMap): void {
  const { text } = map;
  for (let offset = 0; offset <= text.length; offset += 1) {
    const forward = map.posAt(offset, 1);
    const backward = map.posAt(offset, -1);
    if (map.offsetAt(forward) !== offset || map.offsetAt(backward) !== offset) {
      throw new Error(`offset ${offset} does not survive the round trip (${forward}, ${backward})`);
    }
    // Between the two sides of an offset there is only markup, never text.
    if (doc.textBetween(backward, forward) !== '') throw new Error(`text between the sides of offset ${offset}`);
    if (offset < text.length && text[offset] !== '\n') {
      const character = doc.textBetween(map.posAt(offset, 1), map.posAt(offset + 1, -1));
      if (character !== text[offset]) throw new Error(`offset ${offset}: ${JSON.stringify(character)} ≠ ${JSON.stringify(text[offset])}`);
    }
  }
  for (const pos of textblockPositions(doc)) {
    const offset = map.offsetAt(pos);
    const back = map.posAt(offset, pos >= map.posAt(offset, 1) ? 1 : -1);
    // A position maps back to itself, or to a neighbour separated from it only by atoms.
    const [from, to] = back < pos ? [back, pos] : [pos, back];
    if (doc.textBetween(from, to) !== '' || doc.resolve(from).parent !== doc.resolve(to).parent) {
      throw new Error(`position ${pos} → offset ${offset} → position ${back}`);
    }
  }
}

describe('the canonical text of the memo', () => {
  const doc = memoDoc();
  const map = buildTextMap(doc);

  it('is what the importer stored, and the same string from canonicalText', () => {
    expect(map.text).toBe(importedMemo().text);
    expect(canonicalText(doc)).toBe(map.text);
  });

  it('maps every character exactly in both directions', () => {
    expectExactMap(doc, map);
  });

  it('quotes ranges that cross a page break, a footnote mark and a paragraph boundary', () => {
    for (const quote of ['new leadership, the', 'November 1986 to host', 'original meaning.\nA centerpiece', 'Indeed we are beginning']) {
      const start = map.text.indexOf(quote);
      expect(start).toBeGreaterThan(0);
      const from = map.posAt(start, 1);
      const to = map.posAt(start + quote.length, -1);
      expect(doc.textBetween(from, to, '\n')).toBe(quote);
      expect(map.offsetAt(from)).toBe(start);
      expect(map.offsetAt(to)).toBe(start + quote.length);
    }
  });

  it('separates blocks by one newline and lets footnote texts follow the body', () => {
    expect(map.text.split('\n')[0]!.endsWith('(Carlucci)')).toBe(true);
    expect(map.text.split('\n')[1]).toBe('Washington, September 25, 1987');
    expect(map.text.split('\n').at(-1)).toBe(importedMemo().footnotes[3]!.text);
  });

  it('knows on which printed page an offset stands', () => {
    const pages = map.pageBreaks.map((pageBreak) => [pageBreak.page, map.text.slice(pageBreak.offset, pageBreak.offset + 5)]);
    expect(pages).toEqual([
      [288, 'ship,'],
      [289, '—Radi'],
      [290, 'are b'],
    ]);
    expect(pageAt(map, map.text.indexOf('Since 1973'), 287)).toBe(287);
    expect(pageAt(map, map.text.indexOf('ship, the Soviets'), 287)).toBe(288);
    expect(pageAt(map, map.text.indexOf('Most likely'), 287)).toBe(289);
    expect(pageAt(map, map.text.indexOf('are beginning'), 287)).toBe(290);
  });

  it('refuses an offset outside the text', () => {
    expect(() => map.posAt(-1)).toThrow(RangeError);
    expect(() => map.posAt(map.text.length + 1)).toThrow(RangeError);
  });
});

describe('the canonical text of nested and awkward documents', () => {
  const pb = (page: number) => schema.node('page_break', { page });
  const ref = (n: string) => schema.node('footnote_ref', { n });
  const p = (...content: (PMNode | string)[]) =>
    schema.node('paragraph', null, content.map((part) => (typeof part === 'string' ? schema.text(part) : part)));
  const doc = schema.node('doc', null, [
    schema.node('title', null, [pb(1), schema.text('Title'), ref('1'), ref('2')]),
    p(),
    schema.node('blockquote', null, [p('quoted', pb(2), pb(3), 'text'), p(ref('3'))]),
    schema.node('list', { ordered: true }, [
      schema.node('list_item', null, [p('one', schema.text(' emphasised', [schema.mark('em')]))]),
      schema.node('list_item', null, [p('two'), schema.node('blockquote', null, [p('deep')])]),
    ]),
    p('after ', pb(4)),
    schema.node('footnotes', null, [
      schema.node('footnote', { n: '1', kind: 'source' }, schema.text('Source note.')),
      schema.node('footnote', { n: '2' }),
    ]),
  ]);
  const map = buildTextMap(doc);

  it('reads blocks in document order with one newline each, atoms contributing nothing', () => {
    expect(map.text).toBe('Title\n\nquotedtext\n\none emphasised\ntwo\ndeep\nafter \nSource note.\n');
  });

  it('maps every character exactly in both directions', () => {
    expectExactMap(doc, map);
  });

  it('puts a range start after adjacent atoms and a range end before them', () => {
    const at = map.text.indexOf('text');
    expect(doc.nodeAt(map.posAt(at, 1) - 1)?.type.name).toBe('page_break');
    expect(doc.nodeAt(map.posAt(at, -1))?.type.name).toBe('page_break');
    expect(doc.nodeAt(map.posAt(at, -1))?.attrs.page).toBe(2);
    // At the very start of a block, and after a run followed by two references.
    expect(map.posAt(0, -1)).toBe(1);
    expect(map.posAt(0, 1)).toBe(2);
    expect(doc.nodeAt(map.posAt(5, -1))?.attrs.n).toBe('1');
    expect(map.posAt(5, 1)).toBe(map.posAt(5, -1) + 2);
  });
});
