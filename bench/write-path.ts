/**
 * The write-path benchmark of issue 4 ("Fast enough for a lecture hall"): fan-out of records to N
 * readers on Marginalia's server and on a bare reference relay, the same with presence on, and
 * command throughput. It prints figures; it passes or fails nothing. Our server and the relay each
 * run in a child process of their own, and so do the readers (a few hundred per process).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { startChild, type Child } from './child-process.ts';
import { sleep } from './clock.ts';
import { measureDelivery, type Delivery } from './delivery.ts';
import { openReaderPool } from './reader-pool.ts';
import type { PreparedServer, ServerSetup } from './server-worker.ts';
import { mib, ms, ratio, summarize } from './stats.ts';
import { marginaliaTarget, referenceTarget, type Target } from './targets.ts';
import { measureThroughput, type Throughput } from './throughput.ts';

export interface WritePathOptions {
  databaseUrl: string;
  readerCounts: number[];
  /** Fan-out rounds per reader count, alternating which target goes first; their figures are pooled. */
  fanOutRounds: number;
  records: number;
  intervalMs: number;
  settleMs: number;
  presenceSeconds: number;
  presenceMeanIntervalMs: number;
  throughputSeconds: number;
  throughputWriters: number;
  /** One throughput run per count: the issue's workload (writers alone), then with readers in the room. */
  throughputReaders: number[];
  /** Presence with the unmodified provider, which echoes others' awareness (see reader-worker.ts). */
  officialAwareness: boolean;
}

const documentId = 'frus1981-88v41-d97';

interface Usage {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
}

export interface WritePathResult {
  fanOut: { readers: number; target: Target['label']; synced: number; delivery: Delivery }[];
  memory: { target: Target['label']; readers: number; presence: boolean; usage: Usage }[];
  presence: { target: Target['label']; readers: number; delivery: Delivery | null; ages: number[]; cpuPercent: number | null; error: string | null }[];
  throughput: (Throughput & { readers: number; serverCpuSeconds: number })[];
}

export const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** A fresh schema for one run, dropped by `cleanup` at the end. */
export async function createBenchSchema(databaseUrl: string, cleanup: { add(fn: () => Promise<void>): void }): Promise<string> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  cleanup.add(() => withClient(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => log(`dropped schema ${schema}`)));
  log(`schema ${schema} on ${new URL(databaseUrl).host}`);
  return schema;
}

export async function runWritePath(options: WritePathOptions, cleanup: { add(fn: () => Promise<void>): void }): Promise<WritePathResult> {
  const result: WritePathResult = { fanOut: [], memory: [], presence: [], throughput: [] };
  const schema = await createBenchSchema(options.databaseUrl, cleanup);

  const server = startChild('./server-worker.ts', 'server');
  cleanup.add(() => server.stop());
  const relay = startChild('./relay-worker.ts', 'reference relay');
  cleanup.add(() => relay.stop());
  const setup: ServerSetup = { databaseUrl: options.databaseUrl, schema, documentId, writers: options.throughputWriters + 1, readerAccounts: 10 };
  const prepared = await server.call<PreparedServer>('start', setup, 300_000);
  const { url: relayUrl } = await relay.call<{ url: string }>('start');
  log(`our server at ${prepared.url}, reference relay at ${relayUrl}`);

  const targets: Target[] = [
    marginaliaTarget({ ...prepared, documentId, writerCookie: prepared.writerCookies[0]!, readerCookies: prepared.readerCookies }),
    referenceTarget({ url: relayUrl, roomName: `bench-room-${schema}` }),
  ];
  const processOf = (target: Target): Child => (target.label === 'ours' ? server : relay);
  const maxReaders = Math.max(...options.readerCounts);

  for (const readers of options.readerCounts) {
    for (let round = 0; round < options.fanOutRounds; round += 1) {
      const last = round === options.fanOutRounds - 1;
      for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
        log(`fan-out, ${target.label}, ${readers} readers, round ${round + 1} of ${options.fanOutRounds}: connecting`);
        const pool = await openReaderPool({ url: target.url, roomName: target.roomName, cookies: target.readerCookies, count: readers, label: target.label });
        const writer = await target.openWriter();
        try {
          await sleep(readers >= 1000 ? 3000 : 1000); // the joining burst (sessions, syncs, collections) is not what is measured
          log(`  ${pool.synced}/${readers} synced; sending ${options.records} records, one per ${options.intervalMs} ms`);
          const delivery = await measureDelivery(pool, writer, { records: options.records, intervalMs: options.intervalMs, settleMs: options.settleMs });
          result.fanOut.push({ readers, target: target.label, synced: pool.synced, delivery });
          printDelivery('  ', delivery);
          if (readers === maxReaders && last) {
            const usage = await processOf(target).call<Usage>('usage');
            result.memory.push({ target: target.label, readers, presence: false, usage });
            log(`  ${target.label} process with ${readers} readers connected: RSS ${mib(usage.memory.rss)}, heap used ${mib(usage.memory.heapUsed)}`);
            await measurePresence(target, processOf(target), pool, writer, readers, options, result);
          }
        } finally {
          writer.close();
          await pool.close();
        }
        await sleep(1000); // let the server notice the closed connections before the next round
      }
    }
  }

  // The relay may still be working off a presence backlog: it must not share the CPU with throughput.
  await relay.stop();
  for (const readers of options.throughputReaders) await measureThroughputWith(readers, server, prepared, options, result);
  return result;
}

async function measureThroughputWith(readers: number, server: Child, prepared: PreparedServer, options: WritePathOptions, result: WritePathResult): Promise<void> {
  log(`throughput: ${options.throughputWriters} writers for ${options.throughputSeconds} s, ${readers} readers in the room`);
  const pool = readers > 0 ? await openReaderPool({ url: prepared.url, roomName: prepared.roomName, cookies: prepared.readerCookies, count: readers, label: 'throughput' }) : null;
  try {
    const before = await server.call<Usage>('usage');
    const throughput = await measureThroughput({ url: prepared.url, cookies: prepared.writerCookies.slice(1, 1 + options.throughputWriters), groupId: prepared.groupId, documentId, text: prepared.text, seconds: options.throughputSeconds });
    const after = await server.call<Usage>('usage');
    const serverCpuSeconds = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
    result.throughput.push({ ...throughput, readers, serverCpuSeconds });
    const acks = summarize(throughput.ackLatencies);
    log(`  ${(throughput.acknowledged / throughput.seconds).toFixed(0)} acknowledged commands/s (${throughput.acknowledged} in ${throughput.seconds.toFixed(1)} s; ${throughput.refused} refused, ${throughput.failed} failed${throughput.firstError ? `: ${throughput.firstError}` : ''})`);
    log(`  ack latency p50 ${ms(acks.p50)}, p99 ${ms(acks.p99)}, max ${ms(acks.max)}; server CPU ${(serverCpuSeconds / throughput.seconds * 100).toFixed(0)}% of one core`);
  } finally {
    await pool?.close();
  }
}

async function measurePresence(target: Target, proc: Child, pool: Awaited<ReturnType<typeof openReaderPool>>, writer: Awaited<ReturnType<Target['openWriter']>>, readers: number, options: WritePathOptions, result: WritePathResult): Promise<void> {
  log(`presence, ${target.label}, ${readers} readers: every reader names itself and moves its selection every ~${options.presenceMeanIntervalMs / 1000} s` +
    (options.officialAwareness ? ' (unmodified provider: it echoes others’ awareness)' : ' (each provider sends only its own awareness entry)'));
  const entry: WritePathResult['presence'][number] = { target: target.label, readers, delivery: null, ages: [], cpuPercent: null, error: null };
  result.presence.push(entry);
  try {
    await pool.presence({ on: true, meanIntervalMs: options.presenceMeanIntervalMs, samplers: 3, ownAwarenessOnly: !options.officialAwareness });
    await sleep(Math.min(5000, options.presenceMeanIntervalMs));
    await pool.presenceSamples(); // the joining burst is not what is measured
    const intervalMs = Math.max(options.intervalMs, (options.presenceSeconds * 1000) / options.records);
    log(`  sending ${options.records} records, one per ${intervalMs.toFixed(0)} ms, while presence runs`);
    const before = await proc.call<Usage>('usage', undefined, 15_000).catch(() => null);
    const startedAt = Date.now();
    entry.delivery = await measureDelivery(pool, writer, { records: options.records, intervalMs, settleMs: options.settleMs });
    entry.ages = await pool.presenceSamples();
    printDelivery('  ', entry.delivery);
    const ages = summarize(entry.ages);
    log(`  presence age seen by ${3 * Math.ceil(readers / 250)} sampling readers: p50 ${ms(ages.p50)}, p99 ${ms(ages.p99)}, max ${ms(ages.max)} (${ages.count} samples)`);
    // A relay buried under its backlog may not answer at all: that is a figure too.
    const usage = await proc.call<Usage>('usage', undefined, 15_000).catch(() => null);
    if (usage && before) entry.cpuPercent = ((usage.cpu.user + usage.cpu.system - before.cpu.user - before.cpu.system) / 1e3 / (Date.now() - startedAt)) * 100;
    if (usage) {
      result.memory.push({ target: target.label, readers, presence: true, usage });
      log(`  ${target.label} process with presence on: RSS ${mib(usage.memory.rss)}, heap used ${mib(usage.memory.heapUsed)}; CPU ${entry.cpuPercent?.toFixed(0) ?? '—'}% of one core during the measurement`);
    } else log(`  ${target.label} process did not answer within 15 s (its event loop is blocked)`);
  } catch (error) {
    entry.error = error instanceof Error ? error.message : String(error);
    log(`  presence measurement failed: ${entry.error}`);
  } finally {
    await pool.presence({ on: false, meanIntervalMs: 0, samplers: 0, ownAwarenessOnly: false }).catch(() => undefined);
  }
}

function printDelivery(indent: string, delivery: Delivery): void {
  const all = summarize(delivery.latencies);
  const last = summarize(delivery.toAllReaders);
  const missing = delivery.expected - delivery.delivered;
  log(`${indent}record → reader: p50 ${ms(all.p50)}, p99 ${ms(all.p99)}, max ${ms(all.max)}; record → all readers: p50 ${ms(last.p50)}, p99 ${ms(last.p99)}` +
    `${missing > 0 ? `; ${missing} of ${delivery.expected} deliveries missing` : ''}${delivery.writeFailures > 0 ? `; ${delivery.writeFailures} writes failed` : ''}; reader event-loop delay p99 ${ms(delivery.readerLoopDelayP99Ms)}` +
    `; machine load ${os.loadavg()[0]!.toFixed(1)} (other processes share these 2 cores)` +
    `${delivery.closes.size > 0 ? `; connections closed: ${[...delivery.closes].map(([code, count]) => `${count}× code ${code}`).join(', ')}` : ''}`);
}

/** The closing table: the figures of the run side by side. */
export function printSummary(result: WritePathResult): void {
  console.log(`\n== write-path: summary (load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}) ==`);
  console.log('fan-out (record sent → reader holds it; p50 / p99 over every reader; ratio = ours / reference)');
  const readerCounts = [...new Set(result.fanOut.map((f) => f.readers))];
  const pooled = (readers: number, target: Target['label']) => {
    const rounds = result.fanOut.filter((f) => f.readers === readers && f.target === target);
    return {
      latencies: rounds.flatMap((f) => f.delivery.latencies),
      toAllReaders: rounds.flatMap((f) => f.delivery.toAllReaders),
      missing: rounds.reduce((sum, f) => sum + f.delivery.expected - f.delivery.delivered, 0),
      rounds: rounds.length,
    };
  };
  for (const readers of readerCounts) {
    const ours = pooled(readers, 'ours');
    const reference = pooled(readers, 'reference');
    const o = summarize(ours.latencies);
    const r = summarize(reference.latencies);
    console.log(`  N=${String(readers).padEnd(5)} ours ${ms(o.p50)} / ${ms(o.p99)}   reference ${ms(r.p50)} / ${ms(r.p99)}   p50 ${ratio(o.p50, r.p50)}  p99 ${ratio(o.p99, r.p99)}` +
      `  (${ours.rounds} round${ours.rounds === 1 ? '' : 's'} each${ours.missing > 0 ? `; ours missing ${ours.missing}` : ''})`);
  }
  const most = Math.max(...readerCounts);
  console.log(`  (N=${most}: record → all readers p99 ours ${ms(summarize(pooled(most, 'ours').toAllReaders).p99)}, reference ${ms(summarize(pooled(most, 'reference').toAllReaders).p99)})`);
  for (const m of result.memory) console.log(`memory, ${m.target}, ${m.readers} readers${m.presence ? ', presence on' : ''}: RSS ${mib(m.usage.memory.rss)}, heap used ${mib(m.usage.memory.heapUsed)} of ${mib(m.usage.memory.heapTotal)}`);
  for (const p of result.presence) {
    if (p.error || !p.delivery) {
      console.log(`presence, ${p.target}, ${p.readers} readers: failed (${p.error})`);
      continue;
    }
    const d = summarize(p.delivery.latencies);
    const a = summarize(p.ages);
    const missing = p.delivery.expected - p.delivery.delivered;
    console.log(`presence, ${p.target}, ${p.readers} readers: records p50 ${ms(d.p50)}, p99 ${ms(d.p99)}${missing ? ` (${missing} of ${p.delivery.expected} not delivered within ${p.delivery.settleMs / 1000} s of the last send)` : ''}; ` +
      `presence age p50 ${ms(a.p50)}, p99 ${ms(a.p99)} (${a.count} samples); reader event-loop delay p99 ${ms(p.delivery.readerLoopDelayP99Ms)}; process CPU ${p.cpuPercent === null ? '—' : `${p.cpuPercent.toFixed(0)}%`}`);
  }
  for (const t of result.throughput) {
    const acks = summarize(t.ackLatencies);
    console.log(`throughput, ${t.readers} readers in the room: ${(t.acknowledged / t.seconds).toFixed(0)} acknowledged commands/s over ${t.seconds.toFixed(1)} s; ack p50 ${ms(acks.p50)}, p99 ${ms(acks.p99)}; ${t.refused} refused, ${t.failed} failed; server CPU ${((t.serverCpuSeconds / t.seconds) * 100).toFixed(0)}%`);
  }
}

export async function withClient(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
