/**
 * The one way of describing a range of the canonical text with W3C selectors, and of checking that
 * selectors agree with a text; apart from the zod schemas of selectors.ts, so that the client's bundle
 * carries no schema code.
 */
import type { Selectors } from './selectors.ts';

/** How much context a quote keeps on each side, as Hypothesis does. */
export const quoteContextLength = 32;
/** The longest passage one annotation may quote. */
export const maxQuoteLength = 20_000;

/** Both selectors of the passage [start, end) of `text`. */
export function describeRange(text: string, start: number, end: number): Selectors {
  return {
    position: { type: 'TextPositionSelector', start, end },
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - quoteContextLength), start),
      suffix: text.slice(end, end + quoteContextLength),
    },
  };
}

/**
 * Whether selectors say the same thing as `text` does: the position holds the quote, and the
 * context is what stands around it (shorter only at the edges of the text).
 */
export function selectorsAgreeWith(text: string, selectors: Selectors): boolean {
  const { start, end } = selectors.position;
  if (end > text.length) return false;
  const expected = describeRange(text, start, end).quote;
  const { quote } = selectors;
  return quote.exact === expected.exact && quote.prefix === expected.prefix && quote.suffix === expected.suffix;
}
