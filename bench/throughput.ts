/**
 * Throughput: `writers` members each send create commands one after another, the next as soon as
 * the previous is acknowledged, for a fixed time. Counts acknowledged commands (ok) and refusals, and
 * times each acknowledgement.
 */
import { createCommand, openWriter, type CommandWriter } from './commands.ts';
import { now } from './clock.ts';

export interface Throughput {
  seconds: number;
  acknowledged: number;
  refused: number;
  failed: number;
  ackLatencies: number[];
  firstError: string | null;
}

export async function measureThroughput(options: { url: string; cookies: string[]; groupId: string; documentId: string; text: string; seconds: number }): Promise<Throughput> {
  const writers: CommandWriter[] = [];
  try {
    for (const cookie of options.cookies) writers.push(await openWriter(options.url, cookie));
    const result: Throughput = { seconds: 0, acknowledged: 0, refused: 0, failed: 0, ackLatencies: [], firstError: null };
    const started = now();
    const end = started + options.seconds * 1000;
    await Promise.all(
      writers.map(async (writer, i) => {
        // Bounded by time, and by count in case acknowledgements come back impossibly fast.
        for (let n = 0; n < 1_000_000 && now() < end; n += 1) {
          const command = createCommand(options.text, options.groupId, options.documentId, `Throughput ${i}.${n}`);
          const sentAt = now();
          try {
            const answer = await writer.send(command);
            result.ackLatencies.push(now() - sentAt);
            if (answer.ok) result.acknowledged += 1;
            else {
              result.refused += 1;
              result.firstError ??= `${answer.error}: ${answer.message}`;
            }
          } catch (error) {
            result.failed += 1;
            result.firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
      }),
    );
    result.seconds = (now() - started) / 1000;
    return result;
  } finally {
    for (const writer of writers) writer.close();
  }
}
