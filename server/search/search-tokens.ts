/**
 * The reader's side of the tokens that migration 0008 puts in every search vector: where they may
 * look (their seminars, their own private notes), what the filters narrow to, and the word being
 * typed under each of their scopes, all as tsquery text. Only uuids (checked at the boundary), md5
 * hashes and a prefix of letters and digits (search-terms.ts) go in, so the text is always a valid
 * query and a person's input never reaches the tsquery parser as syntax.
 */
import { createHash } from 'node:crypto';

const md5 = (value: string) => createHash('md5').update(value, 'utf8').digest('hex');
const lexeme = (token: string) => `'${token}'`;

/** The scope tokens of the reader's seminars and, when asked, of their private notes. */
export function scopeTokens(readerId: string, groups: string[], includePrivate: boolean): string[] {
  return [...groups.map((groupId) => `§g${groupId}`), ...(includePrivate ? [`§p${readerId}`] : [])];
}

/** Either of the reader's scopes. */
export function scopeQuery(tokens: string[]): string {
  return `(${tokens.map(lexeme).join(' | ')})`;
}

/** The scope and the filters that annotations carry as tokens: author, document, tag. */
export function annotationTokensQuery(tokens: string[], filters: { authorId: string | null; documentId: string | null; tag: string | null }): string {
  const narrowing = [
    filters.authorId === null ? null : `§a${filters.authorId}`,
    filters.documentId === null ? null : `§d${md5(filters.documentId)}`,
    filters.tag === null ? null : `§t${md5(filters.tag)}`,
  ].filter((token): token is string => token !== null);
  return [scopeQuery(tokens), ...narrowing.map(lexeme)].join(' & ');
}

/** The typed prefix as a word of each scope ('§g5459990§conf':*): the migration's scoped_words. */
export function scopedPrefixQuery(tokens: string[], prefix: string): string {
  return `(${tokens.map((token) => `${lexeme(`${token.slice(0, 10)}§${prefix}`)}:*`).join(' | ')})`;
}
