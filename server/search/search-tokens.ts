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

export interface TokenFilters {
  authorId: string | null;
  documentId: string | null;
  tag: string | null;
  status: string | null;
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
}

/** Beyond this many months a date range narrows too little to be worth its tokens. */
const maxMonths = 60;

/** The scope and the filters that annotations carry as tokens: author, document, tag, status, months. */
export function annotationTokensQuery(tokens: string[], filters: TokenFilters): string {
  const narrowing = [
    filters.authorId === null ? null : `§a${filters.authorId}`,
    filters.documentId === null ? null : `§d${md5(filters.documentId)}`,
    filters.tag === null ? null : `§t${md5(filters.tag)}`,
    filters.status === null ? null : `§s${filters.status}`,
  ].filter((token): token is string => token !== null);
  const months = filters.from === null ? null : monthsBetween(filters.from, filters.to ?? new Date(Date.now() + 86_400_000));
  return [scopeQuery(tokens), ...narrowing.map(lexeme), ...(months ? [`(${months.map((month) => lexeme(`§m${month}`)).join(' | ')})`] : [])].join(' & ');
}

/** The UTC months (YYYYMM) that [from, to) touches; null when there are too many or none. */
export function monthsBetween(from: Date, to: Date): number[] | null {
  const last = new Date(to.getTime() - 1);
  const first = from.getUTCFullYear() * 12 + from.getUTCMonth();
  const end = last.getUTCFullYear() * 12 + last.getUTCMonth();
  if (end - first + 1 > maxMonths) return null;
  const months: number[] = [];
  for (let month = first; month <= end; month += 1) months.push(Math.floor(month / 12) * 100 + (month % 12) + 1);
  return months.length === 0 ? null : months;
}

/** The typed prefix as a word of each scope ('§g5459990§conf':*): the migration's scoped_words. */
export function scopedPrefixQuery(tokens: string[], prefix: string): string {
  return `(${tokens.map((token) => `${lexeme(`${token.slice(0, 10)}§${prefix}`)}:*`).join(' | ')})`;
}
