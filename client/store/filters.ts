/** The margin's filters: which annotations are shown (and highlighted). */
import type { AnnotationItem } from './annotations.ts';

export interface Filters {
  tag: string | null;
  authorId: string | null;
  status: 'all' | 'open' | 'resolved';
  isMineOnly: boolean;
}

export const noFilters: Filters = { tag: null, authorId: null, status: 'all', isMineOnly: false };

export function matchesFilters(item: AnnotationItem, filters: Filters, myId: string | null): boolean {
  const { record } = item;
  if (filters.tag !== null && !record.tags.includes(filters.tag)) return false;
  if (filters.authorId !== null && record.authorId !== filters.authorId) return false;
  if (filters.status !== 'all' && record.status !== filters.status) return false;
  if (filters.isMineOnly && record.authorId !== myId) return false;
  return true;
}

export function isFiltering(filters: Filters): boolean {
  return filters.tag !== null || filters.authorId !== null || filters.status !== 'all' || filters.isMineOnly;
}
