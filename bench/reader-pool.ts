/**
 * N readers spread over a few child processes (at most 250 each), on Marginalia's server or on the
 * reference relay, and what the parent asks of them: open, record deliveries, presence, close.
 */
import { startChild, type Child } from './child-process.ts';
import type { OpenReaders, PresenceOptions } from './reader-worker.ts';
import { sleep } from './clock.ts';

const readersPerWorker = 250;

export interface ReaderPool {
  count: number;
  synced: number;
  startRecording(): Promise<void>;
  /** Resolves once `pairs` (reader, record) deliveries are seen, or at the deadline; returns how many were seen. */
  waitForPairs(pairs: number, deadline: number): Promise<number>;
  collect(): Promise<{ seen: Map<string, number[]>; closes: Map<number, number>; loopDelayP99Ms: number; loopDelayMaxMs: number }>;
  presence(options: PresenceOptions): Promise<void>;
  presenceSamples(): Promise<number[]>;
  close(): Promise<void>;
}

export async function openReaderPool(options: { url: string; roomName: string; cookies: string[]; count: number; label: string }): Promise<ReaderPool> {
  const workerCount = Math.max(1, Math.ceil(options.count / readersPerWorker));
  const workers: { child: Child; count: number; firstIndex: number }[] = [];
  let firstIndex = 0;
  for (let i = 0; i < workerCount; i += 1) {
    const count = Math.floor(options.count / workerCount) + (i < options.count % workerCount ? 1 : 0);
    workers.push({ child: startChild('./reader-worker.ts', `${options.label} readers ${i + 1}/${workerCount}`), count, firstIndex });
    firstIndex += count;
  }
  const all = <T>(fn: (w: (typeof workers)[number]) => Promise<T>) => Promise.all(workers.map(fn));
  const pool: ReaderPool = {
    count: options.count,
    synced: 0,
    startRecording: async () => void (await all((w) => w.child.call('startRecording'))),
    async waitForPairs(pairs, deadline) {
      let seen = 0;
      while (Date.now() < deadline) {
        const counts = await all((w) => w.child.call<{ pairs: number }>('progress', undefined, Math.max(1000, deadline - Date.now())).catch(() => ({ pairs: 0 })));
        seen = counts.reduce((sum, c) => sum + c.pairs, 0);
        if (seen >= pairs) break;
        await sleep(200);
      }
      return seen;
    },
    async collect() {
      const parts = await all((w) => w.child.call<{ seen: [string, number[]][]; closes: [number, number][]; loopDelayP99Ms: number; loopDelayMaxMs: number }>('collect', undefined, 60_000));
      const seen = new Map<string, number[]>();
      const closes = new Map<number, number>();
      for (const part of parts) {
        for (const [key, times] of part.seen) seen.set(key, [...(seen.get(key) ?? []), ...times]);
        for (const [code, count] of part.closes) closes.set(code, (closes.get(code) ?? 0) + count);
      }
      return { seen, closes, loopDelayP99Ms: Math.max(...parts.map((p) => p.loopDelayP99Ms)), loopDelayMaxMs: Math.max(...parts.map((p) => p.loopDelayMaxMs)) };
    },
    presence: async (presence) => void (await all((w) => w.child.call('presence', { ...presence, firstIndex: w.firstIndex }, 60_000))),
    async presenceSamples() {
      const parts = await all((w) => w.child.call<{ ages: number[] }>('presenceSamples', undefined, 60_000));
      return parts.flatMap((p) => p.ages);
    },
    close: async () => void (await Promise.all(workers.map((w) => w.child.stop()))),
  };
  try {
    const opened = await all((w) =>
      w.child.call<{ synced: number }>('open', { url: options.url, roomName: options.roomName, cookies: options.cookies, count: w.count, firstIndex: w.firstIndex, timeoutMs: 120_000 } satisfies OpenReaders, 180_000),
    );
    pool.synced = opened.reduce((sum, o) => sum + o.synced, 0);
  } catch (error) {
    await pool.close();
    throw error;
  }
  return pool;
}
