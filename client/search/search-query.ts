/**
 * The search page's address holds its question (/search?q=…&group=…): a reload, the Back button or a
 * shared link shows the same search.
 */
import { searchStatuses, type SearchFilters } from '../../shared/search-results.ts';

export interface SearchState {
  q: string;
  filters: SearchFilters;
}

export const filterNames = ['group', 'document', 'member', 'tag', 'status', 'from', 'to'] as const;

export function readSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: SearchFilters = {};
  for (const name of filterNames) {
    const value = params.get(name);
    if (!value) continue;
    if (name === 'status') {
      if ((searchStatuses as readonly string[]).includes(value)) filters.status = value as (typeof searchStatuses)[number];
    } else filters[name] = value;
  }
  return { q: params.get('q') ?? '', filters };
}

export function searchPath(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of filterNames) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
