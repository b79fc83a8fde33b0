/**
 * Writes an import plan (collection-import.ts) through the command path, as the person importing:
 * the same policy, transactions, history and live room updates as commands from the margin.
 *
 * Commands go out a window at a time rather than one by one, so that group commit
 * (commands/command-batcher.ts) writes each window in a few batches, while a seminar's live commands
 * still find their turn between windows. Replies go in waves: those whose target is placed, then those
 * answering them, and so on.
 */
import { randomUUID } from 'node:crypto';
import type { ImportReport, Unplaced } from '../../shared/layer-import.ts';
import type { ExecuteCommand } from '../commands/execute-command.ts';
import type { ImportPlan } from './collection-import.ts';

type Actor = Parameters<ExecuteCommand>[0];

/** Commands in flight at once: a few batches' worth. `bench -- import` compares it with 1 (one by one). */
export const importWindow = 256;

export async function runImportPlan(execute: ExecuteCommand, actor: Actor, plan: ImportPlan, window = importWindow): Promise<ImportReport> {
  const placed = new Map<string, { annotationId: string; replyId: string | null }>();
  const unplaced: Unplaced[] = [...plan.unplaced];

  await inWindows(plan.annotations, window, async ({ sourceId, quote, command }) => {
    const result = await execute(actor, command);
    if (result.ok) placed.set(sourceId, { annotationId: command.annotationId, replyId: null });
    else unplaced.push({ id: sourceId, quote, reason: result.message });
  });

  let waiting = plan.replies;
  while (waiting.length > 0) {
    const ready = waiting.filter((reply) => placed.has(reply.targetId));
    if (ready.length === 0) break;
    waiting = waiting.filter((reply) => !placed.has(reply.targetId));
    await inWindows(ready, window, async (reply) => {
      const answered = placed.get(reply.targetId)!;
      const replyId = randomUUID();
      const result = await execute(actor, { type: 'reply.create', commandId: randomUUID(), replyId, annotationId: answered.annotationId, parentId: answered.replyId, body: reply.body });
      if (result.ok) placed.set(reply.sourceId, { annotationId: answered.annotationId, replyId });
      else unplaced.push({ id: reply.sourceId, quote: null, reason: result.message });
    });
  }
  for (const reply of waiting) unplaced.push({ id: reply.sourceId, quote: null, reason: `it answers ${reply.targetId}, which could not be placed` });

  return { placed: [...placed].map(([sourceId, ids]) => ({ sourceId, ...ids })), unplaced };
}

async function inWindows<T>(items: readonly T[], window: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let at = 0; at < items.length; at += window) await Promise.all(items.slice(at, at + window).map(run));
}
