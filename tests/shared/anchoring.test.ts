import { describe, expect, it } from 'vitest';
import { anchor } from '../../shared/anchoring.ts';
import { describeRange, selectorsAgreeWith, selectorsSchema } from '../../shared/selectors.ts';
import { importedMemo } from '../fixtures/memo.ts';

const memo = importedMemo().text;

function select(text: string, quote: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) at = text.indexOf(quote, at + 1);
  if (at === -1) throw new Error(`no ${quote}`);
  return describeRange(text, at, at + quote.length);
}

const quoted = (text: string, result: ReturnType<typeof anchor>) => (result.type === 'anchored' ? text.slice(result.start, result.end) : null);

describe('describing a passage', () => {
  it('keeps 32 characters of context on each side, fewer at the edges', () => {
    const selectors = select(memo, 'new leadership');
    expect(selectors.quote.prefix).toHaveLength(32);
    expect(selectors.quote.prefix.endsWith('Under the ')).toBe(true);
    expect(selectors.quote.suffix.startsWith(', the Soviets')).toBe(true);
    expect(describeRange(memo, 0, 3).quote.prefix).toBe('');
    expect(selectorsSchema.safeParse(selectors).success).toBe(true);
  });

  it('checks that selectors agree with the text', () => {
    const selectors = select(memo, 'November 1986 to host');
    expect(selectorsAgreeWith(memo, selectors)).toBe(true);
    expect(selectorsAgreeWith(memo, { ...selectors, quote: { ...selectors.quote, exact: 'November 1987 to host' } })).toBe(false);
    expect(selectorsAgreeWith(memo, { ...selectors, quote: { ...selectors.quote, prefix: 'made up' } })).toBe(false);
    const shifted = { ...selectors, position: { ...selectors.position, start: selectors.position.start + 1, end: selectors.position.end + 1 } };
    expect(selectorsAgreeWith(memo, shifted)).toBe(false);
    expect(selectorsAgreeWith('short', selectors)).toBe(false);
  });
});

describe('anchoring on the memo', () => {
  for (const quote of ['new leadership', 'November 1986 to host', 'original meaning.\nA centerpiece', 'willing to pay.\nSource: Reagan']) {
    it(`anchors "${quote.replace('\n', '⏎')}" by its position`, () => {
      const result = anchor(memo, select(memo, quote));
      expect(result).toMatchObject({ type: 'anchored', method: 'position' });
      expect(quoted(memo, result)).toBe(quote);
    });
  }
});

describe('anchoring on a second version of the text', () => {
  const quote = 'the Soviets will indeed pay a high price';
  const selectors = select(memo, quote);

  it('finds the quote moved by an edit before it', () => {
    const edited = `[Editorial note added.] ${memo}`;
    const result = anchor(edited, selectors);
    expect(result).toMatchObject({ type: 'anchored', method: 'quote' });
    expect(quoted(edited, result)).toBe(quote);
  });

  it('keeps its place when the text after it changes', () => {
    const at = selectors.position.end + 200;
    const edited = `${memo.slice(0, at)} [sic]${memo.slice(at)}`;
    expect(anchor(edited, selectors)).toMatchObject({ type: 'anchored', method: 'position' });
  });

  it('finds the quote approximately after a correction inside it', () => {
    const edited = memo.replace(quote, 'the Soviets will indeed pay a very high price');
    const result = anchor(edited, selectors);
    expect(result).toMatchObject({ type: 'anchored', method: 'fuzzy' });
    expect(quoted(edited, result)).toMatch(/the Soviets will indeed pay a (very )?high price/);
  });

  it('is an orphan when the passage is gone', () => {
    const edited = memo.replace(quote, 'something else entirely, unrelated to prices');
    expect(anchor(edited, selectors)).toEqual({ type: 'orphan', reason: expect.stringMatching(/no longer/) });
  });
});

describe('ambiguous quotes', () => {
  it('chooses among repeated quotes by their prefix and suffix', () => {
    // "Soviet system" stands three times in the memo: each describes and re-finds its own.
    for (const occurrence of [0, 1, 2]) {
      const selectors = select(memo, 'Soviet system', occurrence);
      // A position that no longer holds and lies nearest the first occurrence: context must decide.
      const stale = { ...selectors, position: { ...selectors.position, start: 0, end: 'Soviet system'.length } };
      const result = anchor(memo, stale);
      expect(result).toMatchObject({ type: 'anchored', method: 'quote', start: selectors.position.start });
    }
  });

  it('chooses by context among fuzzy candidates too', () => {
    const text = 'Alpha: the price of liberty is high. Beta: the price of liberty is high. Gamma.';
    const phrase = 'the price of liberty is high';
    const second = describeRange(text, text.lastIndexOf(phrase), text.lastIndexOf(phrase) + phrase.length);
    // Both occurrences corrected, and a stale position nearest the first: the context decides.
    const edited = text.replaceAll(phrase, 'the price of libery is high');
    const result = anchor(edited, { ...second, position: { ...second.position, start: 0, end: phrase.length } });
    expect(result).toMatchObject({ type: 'anchored', method: 'fuzzy' });
    if (result.type === 'anchored') expect(edited.slice(result.start - 6, result.start)).toBe('Beta: ');
  });
});
