/** The margin's filters: which annotations are shown (and highlighted). */
import { tagKey } from '../../shared/tag-vocabulary.ts';
import type { AnnotationItem } from './annotations.ts';

/** With several tags chosen: an annotation with any of them, or only one with all of them. */
export type TagMatch = 'any' | 'all';

export interface Filters {
  tags: string[];
  tagMatch: TagMatch;
  authorId: string | null;
  status: 'all' | 'open' | 'resolved';
  isMineOnly: boolean;
  /** Not a filter: highlights take the colour of their first coloured vocabulary tag. */
  isColouredByTag: boolean;
}

export const noFilters: Filters = { tags: [], tagMatch: 'any', authorId: null, status: 'all', isMineOnly: false, isColouredByTag: false };

/** Whether an annotation's tags pass the tag filter; tags match without regard to case, as the vocabulary does. */
export function matchesTags(tags: readonly string[], chosen: readonly string[], match: TagMatch): boolean {
  if (chosen.length === 0) return true;
  const carried = new Set(tags.map(tagKey));
  return match === 'all' ? chosen.every((tag) => carried.has(tagKey(tag))) : chosen.some((tag) => carried.has(tagKey(tag)));
}

export function matchesFilters(item: AnnotationItem, filters: Filters, myId: string | null): boolean {
  const { record } = item;
  if (!matchesTags(record.tags, filters.tags, filters.tagMatch)) return false;
  if (filters.authorId !== null && record.authorId !== filters.authorId) return false;
  if (filters.status !== 'all' && record.status !== filters.status) return false;
  if (filters.isMineOnly && record.authorId !== myId) return false;
  return true;
}

export function isFiltering(filters: Filters): boolean {
  return filters.tags.length > 0 || filters.authorId !== null || filters.status !== 'all' || filters.isMineOnly;
}
