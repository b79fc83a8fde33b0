/**
 * Generates the search benchmark's layer in PostgreSQL. Words are drawn in Node (fast, and under our
 * control): most from the memo's vocabulary with a steep skew (its frequent words are everywhere, as
 * "Soviet" is in a seminar on this memo), a few from a large English word list (each of those
 * appears a handful of times: the rare words a historian looks for). Rows go in by batches of
 * 10,000 through jsonb_to_recordset; their search vectors are the table's own generated column.
 */
import { createRequire } from 'node:module';
import type { Database } from '../server/db/database.ts';

export interface BenchReader {
  userId: string;
  groupIds: string[];
}

/** `few`: in three ordinary seminars; `crowded`: in the two largest (moderating the first) and two more. */
export interface BenchReaders {
  few: BenchReader;
  crowded: BenchReader;
}

const groupCount = 1000;
const userCount = 5000;
const documentCopies = 19;
const batchSize = 10_000;
const tagWords = ['helsinki', 'human-rights', 'csce', 'moscow', 'dissidents', 'soviet-union', 'reagan', 'shultz', 'emigration', 'refuseniks', 'vienna', 'congress', 'allies', 'press', 'conditions'];
const memoDocument = 'frus1981-88v41-d97';

export async function generateSearchData(
  db: Database,
  options: { annotations: number; replies: number; vocabulary: string[]; log: (line: string) => void },
): Promise<BenchReaders> {
  const english = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  const words = (): string => {
    const count = 6 + Math.floor(Math.random() * 30);
    const picked: string[] = [];
    for (let i = 0; i < count; i += 1) {
      picked.push(Math.random() < 0.05 ? english[Math.floor(Math.random() * english.length)]! : options.vocabulary[Math.floor(Math.random() ** 3 * options.vocabulary.length)]!);
    }
    return picked.join(' ');
  };

  await db.exec(`
    CREATE TABLE bench_users (n integer PRIMARY KEY, id uuid NOT NULL);
    CREATE TABLE bench_groups (n integer PRIMARY KEY, id uuid NOT NULL);
    CREATE TABLE bench_documents (n integer PRIMARY KEY, id text NOT NULL, text text NOT NULL);`);
  await db.query(
    `WITH u AS (
       INSERT INTO users (email, email_normalized, display_name, password_hash)
       SELECT 'reader' || i || '@bench.test', 'reader' || i || '@bench.test', 'Reader ' || i, 'not-a-hash' FROM generate_series(0, $1 - 1) i
       RETURNING id, display_name)
     INSERT INTO bench_users (n, id) SELECT substr(display_name, 8)::int, id FROM u`,
    [userCount],
  );
  await db.query(
    `WITH g AS (INSERT INTO groups (name) SELECT 'Seminar ' || i FROM generate_series(0, $1 - 1) i RETURNING id, name)
     INSERT INTO bench_groups (n, id) SELECT substr(name, 9)::int, id FROM g`,
    [groupCount],
  );
  await db.query(
    `INSERT INTO documents (id, version, source_hash, title, dateline, citation, body, text, pages, footnotes)
     SELECT id || '-copy-' || i, version, source_hash || '-' || i, title || ' (copy ' || i || ')', dateline, citation, body, text, pages, footnotes
       FROM documents, generate_series(1, $2) i WHERE id = $1`,
    [memoDocument, documentCopies],
  );
  await db.query(`INSERT INTO bench_documents (n, id, text) SELECT row_number() OVER (ORDER BY id) - 1, id, text FROM documents`);
  const textLength = ((await db.query<{ length: number }>('SELECT length(text) AS length FROM documents WHERE id = $1', [memoDocument])).rows[0]!).length;
  // Everyone is in three seminars; the readers' memberships are set below.
  await db.query(
    `INSERT INTO memberships (group_id, user_id, role)
     SELECT g.id, u.id, 'member' FROM bench_users u, generate_series(1, 3) k, bench_groups g
      WHERE u.n > 1 AND g.n = (u.n * 7 + k * 331) % $1
     ON CONFLICT DO NOTHING`,
    [groupCount],
  );
  await db.query(
    `INSERT INTO memberships (group_id, user_id, role)
     SELECT g.id, u.id, m.role FROM (VALUES (0, 500, 'member'), (0, 700, 'member'), (0, 900, 'member'),
                                            (1, 0, 'moderator'), (1, 1, 'member'), (1, 300, 'member'), (1, 600, 'member')) m(un, gn, role)
       JOIN bench_users u ON u.n = m.un JOIN bench_groups g ON g.n = m.gn`,
  );

  // GIN indexes build far faster at once than row by row: dropped for the load, made again after it
  // exactly as migration 0008 makes them.
  await db.exec('DROP INDEX annotations_search; DROP INDEX replies_search');

  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - start;
  for (let done = 0; done < options.annotations; done += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, options.annotations - done) }, (_, i) => {
      const length = 20 + Math.floor(Math.random() * 180);
      const roll = Math.random();
      return {
        // The group by a square law: seminar 0 holds ~3% of all annotations, most hold a few hundred.
        g: roll < 0.1 ? null : Math.floor(Math.random() ** 2 * groupCount),
        u: Math.floor(Math.random() * userCount),
        d: Math.random() < 0.6 ? 0 : Math.floor(Math.random() * (documentCopies + 1)),
        s: Math.floor(Math.random() * (textLength - length)),
        l: length,
        // One annotation in 20,000 names samizdat: the rare word of the benchmark's queries.
        body: (done + i) % 20_000 === 7 ? `${words()} samizdat` : words(),
        tags: Array.from({ length: Math.floor(Math.random() * 3) }, () => tagWords[Math.floor(Math.random() * tagWords.length)]!),
        st: Math.random() < 0.2 ? 'resolved' : 'open',
        h: Math.random() < 0.01,
        x: Math.random() < 0.02,
        t: new Date(start + Math.random() * span).toISOString(),
      };
    });
    await db.query(
      `INSERT INTO annotations (id, document_id, document_version, group_id, visibility, author_id, kind, selectors, body, tags, status, is_hidden,
                                deleted_at, created_at, updated_at)
       SELECT gen_random_uuid(), d.id, 1, g.id, CASE WHEN g.id IS NULL THEN 'private' ELSE 'group' END, u.id, 'comment',
              jsonb_build_object('position', jsonb_build_object('type', 'TextPositionSelector', 'start', r.s, 'end', r.s + r.l),
                                 'quote', jsonb_build_object('type', 'TextQuoteSelector', 'exact', substr(d.text, r.s + 1, r.l),
                                                             'prefix', substr(d.text, greatest(r.s - 31, 1), least(r.s, 32)), 'suffix', substr(d.text, r.s + r.l + 1, 32))),
              r.body, ARRAY(SELECT DISTINCT jsonb_array_elements_text(r.tags)), r.st, r.h, CASE WHEN r.x THEN r.t END, r.t, r.t
         FROM jsonb_to_recordset($1::jsonb) AS r(g integer, u integer, d integer, s integer, l integer, body text, tags jsonb, st text, h boolean, x boolean, t timestamptz)
         JOIN bench_users u ON u.n = r.u
         JOIN bench_documents d ON d.n = r.d
         LEFT JOIN bench_groups g ON g.n = r.g`,
      [JSON.stringify(rows)],
    );
    if ((done + batchSize) % 100_000 === 0) options.log(`${done + batchSize} annotations`);
  }
  for (let done = 0; done < options.replies; done += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, options.replies - done) }, () => ({ u: Math.floor(Math.random() * userCount), body: words(), h: Math.random() < 0.01 }));
    // Replies answer group annotations picked at random by a sample of the table.
    await db.query(
      `WITH r AS (SELECT r.*, row_number() OVER () AS k FROM jsonb_to_recordset($1::jsonb) AS r(u integer, body text, h boolean)),
            a AS (SELECT id, created_at, row_number() OVER () AS k FROM (SELECT id, created_at FROM annotations TABLESAMPLE SYSTEM (2) WHERE group_id IS NOT NULL ORDER BY random() LIMIT $2) s)
       INSERT INTO replies (id, annotation_id, author_id, body, is_hidden, created_at, updated_at)
       SELECT gen_random_uuid(), a.id, u.id, r.body, r.h, a.created_at + interval '1 day', a.created_at + interval '1 day'
         FROM r JOIN a ON a.k = r.k JOIN bench_users u ON u.n = r.u`,
      [JSON.stringify(rows), rows.length],
    );
  }
  await db.transaction(async (tx) => {
    await tx.query("SET LOCAL maintenance_work_mem = '512MB'");
    await tx.query('CREATE INDEX annotations_search ON annotations USING gin (search_vector)');
    await tx.query('CREATE INDEX replies_search ON replies USING gin (search_vector)');
  });
  options.log('indexes built');
  const readerOf = async (n: number): Promise<BenchReader> => {
    const { rows } = await db.query<{ user_id: string; group_ids: string[] }>(
      `SELECT u.id AS user_id, array_agg(m.group_id ORDER BY g.n) AS group_ids
         FROM bench_users u JOIN memberships m ON m.user_id = u.id JOIN bench_groups g ON g.id = m.group_id WHERE u.n = $1 GROUP BY u.id`,
      [n],
    );
    return { userId: rows[0]!.user_id, groupIds: rows[0]!.group_ids };
  };
  return { few: await readerOf(0), crowded: await readerOf(1) };
}
