/**
 * Search as the route (and the benchmark) runs it: the reader's scope from their memberships, the
 * query's terms, the ranked matches, and each made into a result with its excerpt, passage, page and
 * link. Policy: members of a group (any role) search its layer, everyone their own private notes;
 * hidden text only for its author and the group's moderators (as GET /api/annotations/:id shows it).
 */
import type { Role } from '../../shared/accounts.ts';
import { annotationPath, searchLimits, type MarkedText, type SearchAnswer, type SearchResult } from '../../shared/search-results.ts';
import { endOf, startOf, type SearchQuery } from '../../shared/search.ts';
import type { Database, Queryable } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { can } from '../policies/can.ts';
import type { Actor } from '../policies/actor.ts';
import { findReaderGroups, findSearchMatches, matchEnd, matchStart, type SearchRow, type SearchScope } from '../queries/search-annotations.ts';
import { pageFinders, type PageOf } from './document-pages.ts';
import { hasTerms, searchTerms } from './search-terms.ts';
import { annotationTokensQuery, scopedPrefixQuery, scopeQuery, scopeTokens } from './search-tokens.ts';

/** Matches ranked per arm (annotations, replies); beyond this the answer says it is truncated. */
export const searchCandidates = 300;

type UserActor = Extract<Actor, { type: 'user' }>;

export async function searchAnnotations(db: Database, reader: UserActor, query: SearchQuery): Promise<SearchAnswer> {
  const scope = await scopeOf(db, reader, query.group ?? null);
  const terms = searchTerms(query.q);
  if (!hasTerms(terms) || scope.tokens.length === 0) return { results: [], isTruncated: false, nextOffset: null };
  const conditions = {
    documentId: query.document ?? null,
    authorId: query.member ?? null,
    tag: query.tag ?? null,
    status: query.status ?? null,
    from: query.from ? startOf(query.from) : null,
    to: query.to ? endOf(query.to) : null,
  };
  const tokens = {
    annotations: annotationTokensQuery(scope.tokens, conditions),
    replies: scopeQuery(scope.tokens),
    prefix: terms.prefix === null ? null : scopedPrefixQuery(scope.tokens, terms.prefix),
  };
  const paging = { candidates: searchCandidates, limit: query.limit, offset: query.offset };
  const page = await db.transaction((tx) => findSearchMatches(tx, terms, scope, conditions, tokens, paging));
  const pages = await pageFinders(db, uniqueDocuments(page.rows));
  return {
    results: page.rows.map((row) => presentResult(row, pages.get(row.documentId))),
    isTruncated: page.isTruncated,
    nextOffset: page.rows.length === query.limit && query.offset + query.limit <= searchLimits.offset ? query.offset + query.limit : null,
  };
}

/** The groups searched: all the reader's, or the one asked for (404 for a group they are not in). */
async function scopeOf(db: Queryable, reader: UserActor, group: string | null): Promise<SearchScope> {
  const memberships = (await findReaderGroups(db, reader.id)).filter(({ role }) => can(reader, 'group.read', { type: 'group', role }));
  const chosen = group === null ? memberships : group === 'private' ? [] : memberships.filter((m) => m.groupId === group);
  if (group !== null && group !== 'private' && chosen.length === 0) throw notFound('The seminar');
  const readsHidden = (role: Role) => can(reader, 'annotation.readHidden', { type: 'annotation', role, ownerId: null, authorId: null });
  return {
    readerId: reader.id,
    tokens: scopeTokens(reader.id, chosen.map((m) => m.groupId), group === null || group === 'private'),
    moderatedGroups: chosen.filter((m) => readsHidden(m.role)).map((m) => m.groupId),
  };
}

function uniqueDocuments(rows: SearchRow[]): { id: string; version: number }[] {
  return [...new Map(rows.map((row) => [row.documentId, { id: row.documentId, version: row.documentVersion }])).values()];
}

function presentResult(row: SearchRow, pageOf: PageOf | undefined): SearchResult {
  const { quote } = row.selectors;
  return {
    annotationId: row.annotationId,
    groupId: row.groupId,
    groupName: row.groupName,
    documentId: row.documentId,
    documentTitle: row.documentTitle,
    kind: row.kind,
    status: row.status,
    author: { id: row.authorId, name: row.authorName },
    createdAt: row.createdAt.toISOString(),
    tags: row.tags,
    matchedIn: row.replyId ? 'reply' : 'annotation',
    reply: row.replyId && row.replyAuthorId ? { id: row.replyId, author: { id: row.replyAuthorId, name: row.replyAuthorName ?? '' } } : null,
    excerpt: markedText(row.excerpt),
    passage: { prefix: quote.prefix, exact: markedText(row.quote), suffix: quote.suffix },
    page: pageOf?.(row.selectors.position.start) ?? null,
    link: annotationPath(row.groupId, row.documentId, row.annotationId),
    rank: row.rank,
  };
}

/** Text with matches between the marks, as runs; the marks themselves never reach the reader. */
export function markedText(marked: string): MarkedText[] {
  const runs: MarkedText[] = [];
  let isMatch = false;
  for (const part of marked.split(new RegExp(`([${matchStart}${matchEnd}])`, 'u'))) {
    if (part === matchStart) isMatch = true;
    else if (part === matchEnd) isMatch = false;
    else if (part !== '') runs.push({ text: part, isMatch });
  }
  return runs;
}
