import type { Filters } from '../store/filters.ts';

/** The seminar report with the margin's filters (client/report/report-page.ts reads them back). */
export function reportPath(groupId: string, documentId: string, filters: Filters): string {
  const query = new URLSearchParams();
  for (const tag of filters.tags) query.append('tag', tag);
  if (filters.tags.length > 1 && filters.tagMatch === 'all') query.set('match', 'all');
  if (filters.authorId !== null) query.set('author', filters.authorId);
  if (filters.status !== 'all') query.set('status', filters.status);
  if (filters.isMineOnly) query.set('mine', '1');
  const search = query.toString();
  return `/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(documentId)}/report${search ? `?${search}` : ''}`;
}
