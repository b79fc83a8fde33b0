/** GET /api/search, as the search page asks it. */
import type { SearchAnswer, SearchFilters } from '../../shared/search-results.ts';
import { request, type ApiResult } from '../services/api.ts';

export function searchAnnotations(q: string, filters: SearchFilters, offset = 0): Promise<ApiResult<SearchAnswer>> {
  const params = new URLSearchParams({ q, ...definedOnly(filters) });
  if (offset > 0) params.set('offset', String(offset));
  return request<SearchAnswer>('GET', `/api/search?${params.toString()}`);
}

function definedOnly(filters: SearchFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}
