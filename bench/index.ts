/**
 * `npm run bench -- <benchmark> [options]`. Benchmarks print figures; none passes or fails on time.
 *
 *   write-path            issue 4: fan-out, presence at scale, throughput (see bench/write-path.ts)
 *     --quick             smaller N and shorter phases (a few minutes)
 *     --readers=10,100,1000   the reader counts of the fan-out (the largest also runs presence)
 *     --rounds=3          fan-out rounds per N, alternating which target goes first (figures pooled)
 *     --records=50        records per fan-out measurement
 *     --seconds=20        the throughput phase's duration
 *     --throughput-readers=0,10   readers in the room during each throughput run (writers alone is the workload)
 *     --presence-interval=15  mean seconds between a reader's selection moves (the provider renews every 15 s)
 *     --own-awareness     presence with providers that send only their own entry (by default they are unmodified and echo everyone's)
 *     --database-url=…    PostgreSQL (default BENCH_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/test)
 *
 *   margin                issue 5: the group reader in headless Chromium with a crowded margin (see bench/margin.ts)
 *     --annotations=1000  annotations in the room
 *     --replies=5000      replies in the room
 *     --arrivals=10       records that arrive one by one once the page is rendered, each timed
 *     --profile           print where the page's CPU time goes (self time by function; the client is minified)
 *     --database-url=…    as above
 *
 *   import                issue 7: a W3C collection written into a layer one command at a time vs a window at a time (see bench/import.ts)
 *     --items=4000        annotations in the file, a fifth of them answered by a reply (4,800 items: an import takes 5,000)
 *     --rounds=3          runs of each, alternating which goes first
 *     --database-url=…    as above
 *
 *   search                issue 7: full-text search over a generated layer (see bench/search.ts)
 *     --annotations=1000000  annotations generated in PostgreSQL
 *     --replies=300000    replies generated
 *     --runs=40           timed runs per query (the reference: --reference-runs=5)
 *     --database-url=…    as above
 */
import os from 'node:os';
import { killAllChildren } from './child-process.ts';
import { printMarginSummary, runMargin } from './margin.ts';
import { printImportSummary, runImportBench } from './import.ts';
import { printSummary, runWritePath, type WritePathOptions } from './write-path.ts';
import { printSearchSummary, runSearchBench } from './search.ts';

function parseArgs(argv: string[]): { name: string | undefined; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  let name: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      name ??= arg;
      continue;
    }
    const [key, value] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (value !== undefined) flags.set(key, value);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') && !['quick', 'own-awareness', 'profile'].includes(key)) flags.set(key, argv[++i]!);
    else flags.set(key, 'true');
  }
  return { name, flags };
}

function positiveNumber(flags: Map<string, string>, key: string, fallback: number): number {
  const raw = flags.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${key} must be a positive number, not "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { name, flags } = parseArgs(process.argv.slice(2));
  if (name !== 'write-path' && name !== 'margin' && name !== 'import' && name !== 'search') {
    console.error('usage: npm run bench -- write-path [--quick] [--readers=10,100,1000] [--rounds=3] [--records=50] [--seconds=20] [--presence-interval=15] [--own-awareness] [--database-url=…]');
    console.error('       npm run bench -- margin [--annotations=1000] [--replies=5000] [--arrivals=10] [--profile] [--database-url=…]');
    console.error('       npm run bench -- import [--items=4000] [--rounds=3] [--database-url=…]');
    console.error('       npm run bench -- search [--annotations=1000000] [--replies=300000] [--runs=40] [--reference-runs=5] [--database-url=…]');
    process.exit(2);
  }
  const databaseUrl = flags.get('database-url') ?? process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  if (name === 'margin') {
    const options = {
      databaseUrl,
      annotations: positiveNumber(flags, 'annotations', 1000),
      replies: positiveNumber(flags, 'replies', 5000),
      arrivals: positiveNumber(flags, 'arrivals', 10),
      writers: 20,
      profile: flags.has('profile'),
    };
    console.log(`margin benchmark: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${options.annotations} annotations, ${options.replies} replies, ${options.arrivals} arrivals`);
    await bounded('margin', 15 * 60_000, (cleanup) => runMargin(options, cleanup).then(printMarginSummary));
    return;
  }
  if (name === 'import') {
    const options = { databaseUrl, items: positiveNumber(flags, 'items', 4000), rounds: positiveNumber(flags, 'rounds', 3) };
    console.log(`import benchmark: ${os.cpus().length} cores, Node ${process.version}; ${options.items} annotations, ${options.rounds} rounds`);
    await bounded('import', 20 * 60_000, (cleanup) => runImportBench(options, cleanup).then(printImportSummary));
    return;
  }
  if (name === 'search') {
    const options = {
      databaseUrl,
      annotations: positiveNumber(flags, 'annotations', 1_000_000),
      replies: positiveNumber(flags, 'replies', 300_000),
      runs: positiveNumber(flags, 'runs', 40),
      referenceRuns: positiveNumber(flags, 'reference-runs', 5),
    };
    console.log(`search benchmark: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${options.annotations} annotations, ${options.replies} replies`);
    await bounded('search', 60 * 60_000, (cleanup) => runSearchBench(options, cleanup).then(printSearchSummary));
    return;
  }
  const quick = flags.has('quick');
  const options: WritePathOptions = {
    databaseUrl,
    readerCounts: (flags.get('readers') ?? (quick ? '10,100' : '10,100,1000')).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0),
    fanOutRounds: positiveNumber(flags, 'rounds', quick ? 1 : 3),
    records: positiveNumber(flags, 'records', quick ? 20 : 50),
    intervalMs: 100,
    settleMs: 30_000,
    presenceSeconds: quick ? 5 : 15,
    presenceMeanIntervalMs: positiveNumber(flags, 'presence-interval', 15) * 1000,
    throughputSeconds: positiveNumber(flags, 'seconds', quick ? 5 : 20),
    throughputWriters: 20,
    throughputReaders: (flags.get('throughput-readers') ?? '0,10').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 0),
    officialAwareness: !flags.has('own-awareness'),
  };
  console.log(`write-path benchmark: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; readers ${options.readerCounts.join(', ')}; ${options.records} records; throughput ${options.throughputSeconds} s`);
  await bounded('write-path', (quick ? 10 : 40) * 60_000, (cleanup) => runWritePath(options, cleanup).then(printSummary));
}

/** Runs a benchmark with its cleanups, which run at the end, on an interrupt or past `limitMs`. */
async function bounded(name: string, limitMs: number, run: (cleanup: { add(fn: () => Promise<void>): void }) => Promise<void>): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((error: unknown) => console.error('cleanup:', error));
  };
  // The whole run is bounded: past this, children are killed and the schema dropped.
  const watchdog = setTimeout(() => {
    console.error(`${name}: the run took too long; stopping`);
    killAllChildren();
    void cleanup().finally(() => process.exit(3));
  }, limitMs);
  const interrupt = () => {
    killAllChildren();
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await run({ add: (fn) => cleanups.push(fn) });
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  },
);
