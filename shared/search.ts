/**
 * The query string of GET /api/search, checked at the boundary. Dates are calendar days or ISO
 * times; `to` is inclusive of its day when it is a day (docs/search.md).
 */
import { z } from 'zod';
import { searchLimits, searchStatuses } from './search-results.ts';

export { annotationPath, searchLimits, searchStatuses, type MarkedText, type SearchAnswer, type SearchFilters, type SearchResult } from './search-results.ts';

const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'a date (2026-11-28) or an ISO time' });

export const searchQuerySchema = z
  .object({
    // Not trimmed: a space after the last word says that it is complete (no longer a prefix).
    q: z
      .string()
      .max(searchLimits.text, `at most ${searchLimits.text} characters`)
      .refine((q) => q.trim() !== '', 'type something to search for'),
    group: z.union([z.uuid(), z.literal('private')], { error: 'a seminar’s id, or "private" for your own notes' }).optional(),
    document: z.string().min(1).max(200).optional(),
    member: z.uuid({ error: 'a member’s id' }).optional(),
    tag: z.string().trim().min(1).max(searchLimits.tag).optional(),
    status: z.enum(searchStatuses, { error: 'open or resolved' }).optional(),
    from: dateOrTime.optional(),
    to: dateOrTime.optional(),
    limit: z.coerce.number().int().min(1).max(searchLimits.pageSize).default(20),
    offset: z.coerce.number().int().min(0).max(searchLimits.offset).default(0),
  })
  .strict()
  .refine((query) => !query.from || !query.to || startOf(query.from) <= endOf(query.to), { message: 'from: must not be after to', path: ['from'] });

export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** The first instant a `from` value admits. */
export function startOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/** The instant a `to` value ends at (exclusive): a day includes the whole of that day (UTC). */
export function endOf(value: string): Date {
  const start = startOf(value);
  return value.length === 10 ? new Date(start.getTime() + 86_400_000) : new Date(start.getTime() + 1);
}
