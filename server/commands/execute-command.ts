/**
 * The one entry for annotation commands from outside, socket.io and REST alike: parse with the
 * shared schema, run (policy, transaction, idempotency; batched with the commands arriving at the
 * same time), then show the change in the open rooms, which happens after the commit and before the
 * acknowledgement.
 */
import { commandSchema, type CommandResult } from '../../shared/annotations.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { commandBatcher, defaultBatchLimits, type BatchLimits } from './command-batcher.ts';
import type { Notices } from './notices.ts';

export type ExecuteCommand = (actor: Extract<Actor, { type: 'user' }>, payload: unknown) => Promise<CommandResult>;

/** Where committed notices go: the realtime layer, once it exists. */
export interface NoticeBoard {
  publish(notices: Notices[]): void;
}

export function commandExecutor(db: Database, rooms: RoomRegistry, board: NoticeBoard, limits: BatchLimits = defaultBatchLimits): ExecuteCommand {
  const run = commandBatcher(
    db,
    async (outcomes) => {
      await rooms.apply(outcomes.flatMap((outcome) => outcome.changes));
      board.publish(outcomes.map((outcome) => outcome.notices));
    },
    limits,
  );
  return async (actor, payload) => {
    const parsed = commandSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { ok: false, error: 'invalid_command', message: `The command is not valid: ${where}${issue?.message ?? 'unknown shape'}`, status: 400 };
    }
    return (await run({ actor, command: parsed.data })).result;
  };
}
