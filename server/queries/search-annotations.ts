/**
 * The SQL of search (docs/search.md): the annotations and replies a reader may read whose words match,
 * ranked, one row per annotation with its best-matching text.
 *
 * Why it stays fast over a million annotations: the reader's scope and the filters are tokens in the
 * same search vector as the words (migration 0008), so one GIN index scan finds "these words in these
 * seminars", whatever the words; each arm then ranks at most `candidates` rows, and the excerpts
 * (ts_headline, the costly part) are made for the returned page only. The scope is also checked on
 * the rows themselves: the tokens make it fast, the columns keep it right.
 */
import type { AnnotationKind, AnnotationStatus } from '../../shared/annotations.ts';
import type { Selectors } from '../../shared/selectors.ts';
import type { Queryable } from '../db/database.ts';
import type { Role } from '../../shared/accounts.ts';
import type { SearchTerms } from '../search/search-terms.ts';

/** Who reads, and where: the scope tokens (search-tokens.ts) of their seminars and private notes. */
export interface SearchScope {
  readerId: string;
  tokens: string[];
  /** Groups where the reader moderates, and so reads hidden text. */
  moderatedGroups: string[];
}

export interface SearchConditions {
  documentId: string | null;
  authorId: string | null;
  tag: string | null;
  status: AnnotationStatus | null;
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
}

export interface SearchRow {
  annotationId: string;
  replyId: string | null;
  rank: number;
  groupId: string | null;
  groupName: string | null;
  documentId: string;
  documentVersion: number;
  documentTitle: string;
  kind: AnnotationKind;
  status: AnnotationStatus;
  authorId: string;
  authorName: string;
  replyAuthorId: string | null;
  replyAuthorName: string | null;
  createdAt: Date;
  tags: string[];
  selectors: Selectors;
  /** The matched text with matches between \uE000 and \uE001. */
  excerpt: string;
  quote: string;
}

export interface SearchPage {
  rows: SearchRow[];
  isTruncated: boolean;
}

/** Marks around matched words in excerpts: private-use characters, which sources do not contain. */
export const matchStart = '\uE000';
export const matchEnd = '\uE001';

// What ranks a row: complete words stemmed ($1), and the word being typed ($2) as a prefix of a stem
// or of a word as written.
const rankQuery = `(websearch_to_tsquery('english', $1)
  && coalesce(to_tsquery('english', $2 || ':*') || to_tsquery('simple', $2 || ':*'), ''::tsquery))`;

// What finds a row through the index: the same complete words; the word being typed as a whole stem
// or as a prefix under the reader's scopes ($7, search-tokens.ts), so that a prefix never gathers
// other seminars' rows. Inline (not in a CTE) so that the planner sees the values.
const matchQuery = `(websearch_to_tsquery('english', $1)
  && CASE WHEN $2::text IS NULL THEN ''::tsquery ELSE to_tsquery('english', $2) || $7::tsquery END)`;

// Nothing to look for (only stop words, say) must not turn into "everything in scope".
const hasWords = `numnode(${rankQuery}) > 0`;

// Conditions on the annotation (a) shared by both arms: the scope, checked on the row's own columns
// (the tokens in the vector make the search fast; these keep it right), and the annotation's filters.
const inScope = `a.deleted_at IS NULL
  AND annotation_scope_token(a.group_id, a.author_id) = ANY($5::text[])
  AND ($8::text IS NULL OR a.document_id = $8)
  AND ($10::text IS NULL OR a.tags @> ARRAY[$10::text])
  AND ($11::text IS NULL OR a.status = $11)`;

// Conditions on the matched record (m: the annotation or the reply): who wrote it, when, and whether
// this reader may read it when hidden (its author, the group's moderators).
const matched = (m: string) => `($9::uuid IS NULL OR ${m}.author_id = $9)
  AND ($12::timestamptz IS NULL OR ${m}.created_at >= $12)
  AND ($13::timestamptz IS NULL OR ${m}.created_at < $13)
  AND (NOT ${m}.is_hidden OR ${m}.author_id = $4 OR a.group_id = ANY($6::uuid[]))`;

const searchSql = `
WITH hits AS (
  (SELECT a.id AS annotation_id, NULL::uuid AS reply_id, a.created_at, ts_rank_cd(a.search_vector, ${rankQuery}) AS rank
     FROM annotations a
    WHERE ${hasWords} AND a.search_vector @@ (${matchQuery} && $17::tsquery) AND ${inScope} AND ${matched('a')}
    LIMIT $14)
  UNION ALL
  (SELECT r.annotation_id, r.id, a.created_at, ts_rank_cd(r.search_vector, ${rankQuery})
     FROM replies r JOIN annotations a ON a.id = r.annotation_id
    WHERE ${hasWords} AND r.search_vector @@ (${matchQuery} && $18::tsquery) AND r.deleted_at IS NULL AND ${inScope} AND ${matched('r')}
    LIMIT $14)
),
best AS (
  SELECT DISTINCT ON (annotation_id) annotation_id, reply_id, created_at, rank
    FROM hits ORDER BY annotation_id, rank DESC, reply_id NULLS FIRST
),
ranked AS (
  SELECT * FROM best ORDER BY rank DESC, created_at DESC, annotation_id LIMIT $15 OFFSET $16
),
page AS (
  SELECT b.annotation_id, b.reply_id, b.rank, a.group_id, a.document_id, a.kind, a.status, a.author_id, a.created_at, a.tags,
         a.selectors, a.body
    FROM ranked b JOIN annotations a ON a.id = b.annotation_id
),
marks AS (
  -- Every typed word and its stem, as prefixes of words as written: what the excerpts mark.
  SELECT to_tsquery('simple', string_agg(DISTINCT term || ':*', ' | ')) AS query
    FROM (SELECT w FROM unnest($3::text[]) w
          UNION SELECT s FROM unnest($3::text[]) w, unnest(ts_lexize('english_stem', w)) s) t(term)
)
SELECT p.annotation_id, p.reply_id, p.rank, p.group_id, g.name AS group_name, p.document_id, d.version AS document_version,
       d.title AS document_title, p.kind, p.status, p.author_id, au.display_name AS author_name, r.author_id AS reply_author_id,
       ru.display_name AS reply_author_name, p.created_at, p.tags, p.selectors,
       ts_headline('simple', coalesce(r.body, p.body), marks.query,
                   'StartSel=${matchStart}, StopSel=${matchEnd}, MinWords=15, MaxWords=35, MaxFragments=2, FragmentDelimiter=" … "') AS excerpt,
       ts_headline('simple', coalesce(p.selectors -> 'quote' ->> 'exact', ''), marks.query,
                   'StartSel=${matchStart}, StopSel=${matchEnd}, HighlightAll=true') AS quote,
       (SELECT count(*) FROM hits WHERE reply_id IS NULL) >= $14 OR (SELECT count(*) FROM hits WHERE reply_id IS NOT NULL) >= $14 AS is_truncated
  FROM page p
  CROSS JOIN marks
  JOIN documents d ON d.id = p.document_id
  JOIN users au ON au.id = p.author_id
  LEFT JOIN groups g ON g.id = p.group_id
  LEFT JOIN replies r ON r.id = p.reply_id
  LEFT JOIN users ru ON ru.id = r.author_id
 ORDER BY p.rank DESC, p.created_at DESC, p.annotation_id`;

interface SearchColumns {
  annotation_id: string;
  reply_id: string | null;
  rank: number;
  group_id: string | null;
  group_name: string | null;
  document_id: string;
  document_version: number;
  document_title: string;
  kind: AnnotationKind;
  status: AnnotationStatus;
  author_id: string;
  author_name: string;
  reply_author_id: string | null;
  reply_author_name: string | null;
  created_at: Date;
  tags: string[];
  selectors: Selectors;
  excerpt: string;
  quote: string;
  is_truncated: boolean;
}

/**
 * Run inside a transaction. `tokens`: the tsquery texts of search-tokens.ts: for annotations (scope and filters), for replies
 * (scope), and the word being typed under the reader's scopes (null when there is none).
 */
export async function findSearchMatches(
  db: Queryable,
  terms: SearchTerms,
  scope: SearchScope,
  conditions: SearchConditions,
  tokens: { annotations: string; replies: string; prefix: string | null },
  paging: { candidates: number; limit: number; offset: number },
): Promise<SearchPage> {
  // A few hundred rows at most: parallel workers cost more to start than they save, and on a busy
  // server they take cores from other requests. Transaction-local, so `db` must be a transaction.
  await db.query('SET LOCAL max_parallel_workers_per_gather = 0');
  const { rows } = await db.query<SearchColumns>(searchSql, [
    terms.complete,
    terms.prefix,
    terms.words,
    scope.readerId,
    scope.tokens,
    scope.moderatedGroups,
    tokens.prefix,
    conditions.documentId,
    conditions.authorId,
    conditions.tag,
    conditions.status,
    conditions.from,
    conditions.to,
    paging.candidates,
    paging.limit,
    paging.offset,
    tokens.annotations,
    tokens.replies,
  ]);
  return {
    isTruncated: rows[0]?.is_truncated ?? false,
    rows: rows.map((row) => ({
      annotationId: row.annotation_id,
      replyId: row.reply_id,
      rank: Number(row.rank),
      groupId: row.group_id,
      groupName: row.group_name,
      documentId: row.document_id,
      documentVersion: row.document_version,
      documentTitle: row.document_title,
      kind: row.kind,
      status: row.status,
      authorId: row.author_id,
      authorName: row.author_name,
      replyAuthorId: row.reply_author_id,
      replyAuthorName: row.reply_author_name,
      createdAt: row.created_at,
      tags: row.tags,
      selectors: row.selectors,
      excerpt: row.excerpt,
      quote: row.quote,
    })),
  };
}

/** The reader's groups and roles: the scope of their searches. */
export async function findReaderGroups(db: Queryable, userId: string): Promise<{ groupId: string; role: Role }[]> {
  const { rows } = await db.query<{ group_id: string; role: Role }>('SELECT group_id, role FROM memberships WHERE user_id = $1', [userId]);
  return rows.map((row) => ({ groupId: row.group_id, role: row.role }));
}
