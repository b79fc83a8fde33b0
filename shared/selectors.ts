/**
 * W3C selectors on the canonical text (canonical-text.ts), and the one way of describing a range
 * with them. Offsets are UTF-16 code units here; export converts to the W3C's code points.
 */
import { z } from 'zod';
import { maxQuoteLength, quoteContextLength } from './describe-range.ts';

export { describeRange, maxQuoteLength, quoteContextLength, selectorsAgreeWith } from './describe-range.ts';


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
