/**
 * W3C selectors on the canonical text (canonical-text.ts), and the one way of describing a range
 * with them. Offsets are UTF-16 code units here; export converts to the W3C's code points.
 */
import { z } from 'zod';

/** How much context a quote keeps on each side, as Hypothesis does. */
export const quoteContextLength = 32;
/** The longest passage one annotation may quote. */
export const maxQuoteLength = 20_000;

export const textPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
  })
  .strict()
  .refine((selector) => selector.end > selector.start, 'A passage ends after it starts');

export const textQuoteSelectorSchema = z
  .object({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1).max(maxQuoteLength),
    prefix: z.string().max(quoteContextLength),
    suffix: z.string().max(quoteContextLength),
  })
  .strict();

export const selectorsSchema = z
  .object({ position: textPositionSelectorSchema, quote: textQuoteSelectorSchema })
  .strict()
  .refine((s) => s.quote.exact.length === s.position.end - s.position.start, 'The quote is not as long as the passage');

export type TextPositionSelector = z.infer<typeof textPositionSelectorSchema>;
export type TextQuoteSelector = z.infer<typeof textQuoteSelectorSchema>;
export type Selectors = z.infer<typeof selectorsSchema>;

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
