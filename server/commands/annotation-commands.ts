/**
 * The annotation commands: the only writers of annotations and replies. socket.io and REST both
 * call `runCommand`. Each command is checked by the policy with facts read inside its transaction,
 * writes its record and one `annotation_events` row per change, and records its result under its
 * client-made id in the same transaction, so that a retry answers the same and applies nothing.
 *
 * The caller applies `changes` to the open rooms after the commit (rooms/room-registry.ts).
 */
import type { Command, CommandResult } from '../../shared/annotations.ts';
import type { RoomName } from '../../shared/rooms.ts';
import type { Database, Queryable } from '../db/database.ts';
import { HttpError, commandConflict, databaseUnavailable } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { findAppliedCommand, insertAppliedCommand } from '../repos/applied-commands.ts';
import { isConnectionError } from '../db/connection-error.ts';
import { handlers } from './annotation-handlers.ts';
import { collectNotices, type Notices } from './notices.ts';
import { findAnnotation } from '../repos/annotations.ts';
import { findReply } from '../repos/replies.ts';

type UserActor = Extract<Actor, { type: 'user' }>;

/** What a room must now show: a record to set, or an id to remove. */
export type RoomChange =
  | { room: RoomName; map: 'annotations' | 'replies'; id: string; record: unknown }
  | { room: RoomName; map: 'annotations' | 'replies'; id: string; record: null };

export interface CommandOutcome {
  result: CommandResult;
  changes: RoomChange[];
  /** Written with the command; to be announced after the commit. */
  notices: Notices;
}

const noNotices: Notices = { notifications: [], activity: null };

/** What a handler gives back: the actor's view of the record and the rooms' view of it. */
export interface HandlerOutcome {
  result: Extract<CommandResult, { ok: true }>;
  changes: RoomChange[];
}

export type Handler<C extends Command> = (tx: Queryable, actor: UserActor, command: C) => Promise<HandlerOutcome>;

export async function runCommand(db: Database, actor: UserActor, command: Command): Promise<CommandOutcome> {
  try {
    // No look-up of the command id first: a retry is rare, and the id's primary key catches it at
    // the end of the transaction, which is then rolled back (see answerRetry).
    return await db.transaction(async (tx) => {
      const handler = handlers[command.type] as Handler<Command>;
      const previousBody = await bodyBefore(tx, command);
      const outcome = await handler(tx, actor, command);
      const notices = await collectNotices(tx, actor, command, outcome.result, previousBody);
      await insertAppliedCommand(tx, command.commandId, actor.id, outcome.result);
      return { ...outcome, notices };
    });
  } catch (error) {
    if (error instanceof HttpError || isUniqueViolation(error)) {
      const retry = await answerRetry(db, actor, command);
      if (retry) return retry;
      return refused(error instanceof HttpError ? error : commandConflict('A record with this id already exists'));
    }
    if (isConnectionError(error)) return refused(databaseUnavailable());
    throw error;
  }
}

/**
 * A command that failed may be a retry of one already applied (its delete finds nothing to delete,
 * its create finds its id taken): then it answers what it answered the first time. A command id
 * another person used is refused.
 */
async function answerRetry(db: Database, actor: UserActor, command: Command): Promise<CommandOutcome | null> {
  const earlier = await findAppliedCommand(db, command.commandId, actor.id);
  if (earlier === 'foreign') return refused(commandConflict('This command id was already used'));
  return earlier ? { result: earlier, changes: [], notices: noNotices } : null;
}

function refused(error: HttpError): CommandOutcome {
  return { result: { ok: false, error: error.id, message: error.message, status: error.status }, changes: [], notices: noNotices };
}

/** The body an edit replaces, so that only mentions it adds notify anyone. */
async function bodyBefore(tx: Queryable, command: Command): Promise<string | null> {
  if (command.type === 'annotation.edit') return (await findAnnotation(tx, command.annotationId))?.body ?? null;
  if (command.type === 'reply.edit') return (await findReply(tx, command.replyId))?.body ?? null;
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
