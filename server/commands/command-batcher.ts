/**
 * Group commit for annotation commands. The commands that arrive while the database is busy with
 * earlier ones wait and then go in together: one transaction, one commit, one update per room and
 * one activity message per group for the whole batch, instead of one of each per command. Under a
 * light load a batch is one command and waits for nothing but the end of the current tick.
 */
import type { Database } from '../db/database.ts';
import { runCommands, type CommandOutcome, type Submission } from './annotation-commands.ts';

export interface BatchLimits {
  /** Commands per transaction: enough to share a commit, few enough to keep locks short. */
  size: number;
  /** Batches at the database at once; the rest of the pool stays free for pages. */
  inFlight: number;
}

// One batch at a time measured best here: a second one in flight made both wait on PostgreSQL (bench/write-path.ts).
export const defaultBatchLimits: BatchLimits = { size: 64, inFlight: 1 };

interface Waiting extends Submission {
  resolve(outcome: CommandOutcome): void;
  reject(reason: unknown): void;
}

export type RunBatched = (submission: Submission) => Promise<CommandOutcome>;

/**
 * `afterCommit` shows a batch's committed outcomes (rooms, notices) before any of its commands is
 * answered, so that an acknowledged record is already in the room.
 */
export function commandBatcher(db: Database, afterCommit: (outcomes: CommandOutcome[]) => Promise<void>, limits: BatchLimits = defaultBatchLimits): RunBatched {
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let isScheduled = false;

  function schedule(): void {
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(flush);
  }

  function flush(): void {
    isScheduled = false;
    while (inFlight < limits.inFlight && waiting.length > 0) {
      inFlight += 1;
      void runBatch(waiting.splice(0, limits.size));
    }
  }

  async function runBatch(batch: Waiting[]): Promise<void> {
    let settled: PromiseSettledResult<CommandOutcome>[];
    try {
      settled = await runCommands(db, batch);
    } catch (error) {
      for (const one of batch) one.reject(error);
      return;
    } finally {
      // The database is free: the next batch starts now, while this one is shown and answered.
      inFlight -= 1;
      flush();
    }
    try {
      await afterCommit(settled.flatMap((one) => (one.status === 'fulfilled' ? [one.value] : [])));
      settled.forEach((one, i) => (one.status === 'fulfilled' ? batch[i]!.resolve(one.value) : batch[i]!.reject(one.reason)));
    } catch (error) {
      for (const one of batch) one.reject(error);
    }
  }

  return (submission) =>
    new Promise<CommandOutcome>((resolve, reject) => {
      waiting.push({ ...submission, resolve, reject });
      schedule();
    });
}
