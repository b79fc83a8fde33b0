/**
 * The reader's side of the tokens that migration 0008 puts in every search vector: where they may
 * look (their seminars' tokens, their own private notes' token) and what the filters narrow to, as
 * tsquery text. Only uuids (checked at the boundary) and md5 hashes go in, so the text is always a
 * valid query and never carries what a person typed.
 */
import { createHash } from 'node:crypto';

export interface TokenScope {
  readerId: string;
  groups: string[];
  includePrivate: boolean;
}

const md5 = (value: string) => createHash('md5').update(value, 'utf8').digest('hex');
const lexeme = (token: string) => `'${token}'`;

/** Either of the places the reader may look; null when there is none (no seminar, no private notes). */
export function scopeQuery(scope: TokenScope): string | null {
  const tokens = [...scope.groups.map((groupId) => `§g${groupId}`), ...(scope.includePrivate ? [`§p${scope.readerId}`] : [])];
  return tokens.length === 0 ? null : `(${tokens.map(lexeme).join(' | ')})`;
}

/** The scope and the filters that annotations carry as tokens: author, document, tag. */
export function annotationTokensQuery(scope: string, filters: { authorId: string | null; documentId: string | null; tag: string | null }): string {
  const narrowing = [
    filters.authorId === null ? null : `§a${filters.authorId}`,
    filters.documentId === null ? null : `§d${md5(filters.documentId)}`,
    filters.tag === null ? null : `§t${md5(filters.tag)}`,
  ].filter((token): token is string => token !== null);
  return [scope, ...narrowing.map(lexeme)].join(' & ');
}
