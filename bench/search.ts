/**
 * The search benchmark of issue 7: a million annotations (and replies) generated in PostgreSQL with
 * the memo's own words, then typical queries run through the route's code (`searchAnnotations`), timed
 * p50/p95, beside a reference measured in the same run: the same question asked the naive way
 * (ILIKE over bodies, quotes and replies in the reader's scope, newest first, no ranking).
 *
 * The data: 1,000 seminars of very different sizes (the largest holds ~3% of everything), 10% private
 * notes, 5,000 people. Two readers: one in three ordinary seminars, one in the two largest and two
 * others, whose common words match tens of thousands of rows in scope.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { migrate } from '../server/db/migrate.ts';
import { openPostgres } from '../server/db/postgres.ts';
import type { Database } from '../server/db/database.ts';
import { seedDocuments } from '../server/seed/seed.ts';
import { searchQuerySchema } from '../shared/search.ts';
import { searchAnnotations } from '../server/search/search-annotations.ts';
import { percentile } from './stats.ts';
import { createBenchSchema, log } from './write-path.ts';
import { generateSearchData, type BenchReaders } from './search-data.ts';

export interface SearchBenchOptions {
  databaseUrl: string;
  annotations: number;
  replies: number;
  runs: number;
  referenceRuns: number;
}

interface Case {
  name: string;
  reader: keyof BenchReaders;
  params: Record<string, string>;
}

interface Timing {
  name: string;
  reader: string;
  results: number;
  ours: number[];
  reference: number[];
}

export async function runSearchBench(options: SearchBenchOptions, cleanup: { add(fn: () => Promise<void>): void }): Promise<Timing[]> {
  const schema = await createBenchSchema(options.databaseUrl, cleanup);
  const db = await openPostgres(options.databaseUrl, { schema });
  cleanup.add(() => db.close());
  await migrate(db);
  await seedDocuments(db);
  const vocabulary = await memoVocabulary();
  const started = performance.now();
  const readers = await generateSearchData(db, { annotations: options.annotations, replies: options.replies, vocabulary, log });
  log(`generated ${options.annotations} annotations and ${options.replies} replies in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const common = vocabulary.find((word) => word.length > 5)!;
  const cases: Case[] = [];
  for (const reader of ['few', 'crowded'] as const) {
    cases.push(
      { name: 'rare word "samizdat"', reader, params: { q: 'samizdat ' } },
      { name: `common word "${common}"`, reader, params: { q: `${common} ` } },
      { name: 'typing "co"', reader, params: { q: 'co' } },
      { name: 'typing "conf"', reader, params: { q: 'conf' } },
      { name: 'typing "soviet hum"', reader, params: { q: 'soviet hum' } },
      { name: 'phrase "human rights"', reader, params: { q: '"human rights"' } },
      { name: `"${common}" tag helsinki, open`, reader, params: { q: `${common} `, tag: 'helsinki', status: 'open' } },
      { name: `"${common}" in 2025`, reader, params: { q: `${common} `, from: '2025-01-01', to: '2025-12-31' } },
      { name: `"${common}" in one document`, reader, params: { q: `${common} `, document: 'frus1981-88v41-d97' } },
      { name: `"${common}" by one member`, reader, params: { q: `${common} `, member: readers[reader].userId } },
    );
  }
  cases.push({ name: `"${common}" in the largest seminar`, reader: 'crowded', params: { q: `${common} `, group: readers.crowded.groupIds[0]! } });

  await db.exec('ANALYZE');
  const timings: Timing[] = [];
  for (const testCase of cases) {
    const reader = readers[testCase.reader];
    const query = searchQuerySchema.parse(testCase.params);
    const actor = { type: 'user' as const, id: reader.userId, isAdmin: false, name: 'Reader' };
    const ours: number[] = [];
    let results = 0;
    for (let run = -3; run < options.runs; run += 1) {
      const start = performance.now();
      const answer = await searchAnnotations(db, actor, query);
      if (run >= 0) ours.push(performance.now() - start);
      results = answer.results.length;
    }
    const reference: number[] = [];
    for (let run = -1; run < options.referenceRuns; run += 1) {
      const start = performance.now();
      await naiveSearch(db, reader.userId, testCase.params);
      if (run >= 0) reference.push(performance.now() - start);
    }
    timings.push({ name: testCase.name, reader: testCase.reader, results, ours, reference });
    log(`${testCase.reader.padEnd(8)} ${testCase.name}: ours p95 ${percentile([...ours].sort((a, b) => a - b), 95).toFixed(1)} ms`);
  }
  return timings;
}

/** The memo's words, most frequent first: common words are common, rare ones rare. */
async function memoVocabulary(): Promise<string[]> {
  const text = await readFile(fileURLToPath(new URL('../server/seed/frus1981-88v41-d97.txt', import.meta.url)), 'utf8');
  const counts = new Map<string, number>();
  for (const [word] of text.toLowerCase().matchAll(/\p{L}{2,}/gu)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
}

/**
 * The reference: what one would write without full-text search. Substring matching of the plain
 * words in the reader's scope (the same indexes on groups), newest first, with no ranking.
 */
async function naiveSearch(db: Database, userId: string, params: Record<string, string>): Promise<number> {
  const words = [...(params.q ?? '').toLowerCase().matchAll(/\p{L}+/gu)].map((match) => `%${match[0]}%`);
  const { rows } = await db.query(
    `SELECT a.id FROM annotations a
      WHERE a.deleted_at IS NULL
        AND (a.group_id IN (SELECT group_id FROM memberships WHERE user_id = $1) OR (a.group_id IS NULL AND a.author_id = $1))
        AND ($3::text IS NULL OR a.group_id = $3::uuid)
        AND ($4::text IS NULL OR a.document_id = $4)
        AND ($5::text IS NULL OR a.tags @> ARRAY[$5])
        AND ($6::text IS NULL OR a.status = $6)
        AND ($7::timestamptz IS NULL OR a.created_at >= $7) AND ($8::timestamptz IS NULL OR a.created_at < $8::timestamptz + interval '1 day')
        AND ($9::uuid IS NULL OR a.author_id = $9)
        AND (SELECT bool_and(a.body ILIKE w OR a.selectors -> 'quote' ->> 'exact' ILIKE w OR array_to_string(a.tags, ' ') ILIKE w
                             OR EXISTS (SELECT 1 FROM replies r WHERE r.annotation_id = a.id AND r.deleted_at IS NULL AND r.body ILIKE w))
               FROM unnest($2::text[]) w)
      ORDER BY a.created_at DESC LIMIT 20`,
    [userId, words, params.group ?? null, params.document ?? null, params.tag ?? null, params.status ?? null, params.from ?? null, params.to ?? null, params.member ?? null],
  );
  return rows.length;
}

export function printSearchSummary(timings: Timing[]): void {
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const fmt = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
  console.log('\nsearch over the generated layer (ours: GET /api/search’s code; reference: naive ILIKE in the same scope)');
  console.log(`${'reader'.padEnd(8)} ${'query'.padEnd(40)} ${'results'.padStart(7)} ${'ours p50'.padStart(10)} ${'ours p95'.padStart(10)} ${'ref p50'.padStart(10)} ${'ref p95'.padStart(10)}`);
  for (const timing of timings) {
    const ours = sorted(timing.ours);
    const reference = sorted(timing.reference);
    console.log(
      `${timing.reader.padEnd(8)} ${timing.name.slice(0, 40).padEnd(40)} ${String(timing.results).padStart(7)} ${fmt(percentile(ours, 50))} ${fmt(percentile(ours, 95))} ${fmt(percentile(reference, 50))} ${fmt(percentile(reference, 95))}`,
    );
  }
  const allOurs = sorted(timings.flatMap((timing) => timing.ours));
  const allReference = sorted(timings.flatMap((timing) => timing.reference));
  console.log(`${'all'.padEnd(8)} ${'every query above'.padEnd(40)} ${''.padStart(7)} ${fmt(percentile(allOurs, 50))} ${fmt(percentile(allOurs, 95))} ${fmt(percentile(allReference, 50))} ${fmt(percentile(allReference, 95))}`);
}
