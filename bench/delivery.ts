/**
 * One delivery measurement: the writer sends `records` at a steady pace; each reader notes when it
 * holds each one; the latency of a (record, reader) pair is from sent to held. Bounded: whatever has
 * not arrived `settleMs` after the last send counts as missing.
 */
import { sleep } from './clock.ts';
import type { ReaderPool } from './reader-pool.ts';
import type { RecordWriter } from './targets.ts';

export interface Delivery {
  /** Every (record, reader) latency, ms. */
  latencies: number[];
  /** Per record, the latency to its last reader (when all readers got it). */
  toAllReaders: number[];
  expected: number;
  delivered: number;
  settleMs: number;
  writeFailures: number;
  readerLoopDelayP99Ms: number;
  /** Connections closed during the measurement, by close code. */
  closes: Map<number, number>;
}

export async function measureDelivery(pool: ReaderPool, writer: RecordWriter, options: { records: number; intervalMs: number; settleMs: number }): Promise<Delivery> {
  await pool.startRecording();
  const sent = new Map<string, number>();
  const acks: Promise<boolean>[] = [];
  const started = Date.now();
  for (let i = 0; i < options.records; i += 1) {
    const target = started + i * options.intervalMs;
    if (target > Date.now()) await sleep(target - Date.now());
    const { key, sentAt, done } = writer.write();
    sent.set(key, sentAt);
    acks.push(done);
  }
  const expected = options.records * pool.synced;
  await pool.waitForPairs(expected, Date.now() + options.settleMs);
  const writeFailures = (await Promise.all(acks)).filter((ok) => !ok).length;
  const { seen, closes, loopDelayP99Ms } = await pool.collect();
  const latencies: number[] = [];
  const toAllReaders: number[] = [];
  for (const [key, sentAt] of sent) {
    const times = seen.get(key) ?? [];
    for (const at of times) latencies.push(at - sentAt);
    if (times.length >= pool.synced && times.length > 0) toAllReaders.push(Math.max(...times) - sentAt);
  }
  return { latencies, toAllReaders, expected, delivered: latencies.length, settleMs: options.settleMs, writeFailures, readerLoopDelayP99Ms: loopDelayP99Ms, closes };
}
