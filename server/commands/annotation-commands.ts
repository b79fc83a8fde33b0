/**
 * The annotation commands: the only writers of annotations and replies. socket.io and REST both
 * come through `runCommands` (batched by command-batcher.ts). Each command is checked by the policy
 * with facts read inside its transaction, writes its record and one `annotation_events` row per
 * change, and records its result under its client-made id in the same transaction, so that a retry
 * answers the same and applies nothing.
 *
 * The caller applies `changes` to the open rooms after the commit (rooms/room-registry.ts).
 */
import type { Command, CommandResult } from '../../shared/annotations.ts';
import type { RoomName } from '../../shared/rooms.ts';
import type { Database, Queryable } from '../db/database.ts';
import { HttpError, commandConflict, databaseUnavailable, selectorsMismatch } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { findAppliedCommand, insertAppliedCommand } from '../repos/applied-commands.ts';
import { isConnectionError } from '../db/connection-error.ts';
import { createAnnotations, handlers } from './annotation-handlers.ts';
import { collectNotices, type Notices } from './notices.ts';
import { mentionedUserIds } from '../../shared/notifications.ts';
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

/** One command of a batch, and who sends it. */
export interface Submission {
  actor: UserActor;
  command: Command;
}

export async function runCommand(db: Database, actor: UserActor, command: Command, isRerun = false): Promise<CommandOutcome> {
  const [outcome] = await runCommands(db, [{ actor, command }], isRerun);
  if (outcome!.status === 'rejected') throw outcome!.reason;
  return outcome!.value;
}

/**
 * Runs the commands of a batch in one transaction, one after the other, as if each ran alone: a
 * refusal (an HttpError, thrown before its handler writes anything) leaves the others to commit. Any
 * other failure (a command id or record id already taken, a deadlock, the database going away)
 * rolls the batch back, and each command then runs alone, so that one command's fault is never
 * another's. One commit for many commands is what lets a lecture hall write at once.
 */
export async function runCommands(db: Database, batch: readonly Submission[], isRerun = false): Promise<PromiseSettledResult<CommandOutcome>[]> {
  const runs = runsOf(batch);
  // Creates that notify nobody write in one statement, atomic by itself (insertCreatedAnnotations):
  // they need no transaction, which saves its two round trips.
  const writesOnce = runs.length === 1 && isCreateRun(runs[0]!) && runs[0].every(({ command }) => mentionedUserIds(command.body).length === 0);
  const atomically = writesOnce ? <T>(fn: (q: Queryable) => Promise<T>) => fn(db) : <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction(fn);
  let applied: (CommandOutcome | HttpError)[];
  try {
    applied = await atomically(async (tx) => {
      const outcomes: (CommandOutcome | HttpError)[] = [];
      for (const run of runs) outcomes.push(...(await applyRun(tx, run)));
      return outcomes;
    });
  } catch (error) {
    // Alone, each command meets the database as it now is: a create checked against a text that a new
    // version replaced meanwhile (migrations/0012) is checked again, once, on the new one.
    if (batch.length > 1 || (isStaleVersion(error) && !isRerun)) return settleEach(batch.map((submission) => () => runCommand(db, submission.actor, submission.command, true)));
    return settleEach([() => answerFailure(db, batch[0]!, error)]);
  }
  return settleEach(applied.map((outcome, i) => () => (outcome instanceof HttpError ? answerFailure(db, batch[i]!, outcome) : Promise.resolve(outcome))));
}

type CreateSubmission = { actor: UserActor; command: Extract<Command, { type: 'annotation.create' }> };

const isCreate = (submission: Submission): submission is CreateSubmission => submission.command.type === 'annotation.create';
const isCreateRun = (run: Submission[]): run is CreateSubmission[] => isCreate(run[0]!);

/** Consecutive creates go together (see createAnnotations); every other command goes alone. */
function runsOf(batch: readonly Submission[]): Submission[][] {
  const runs: Submission[][] = [];
  for (const submission of batch) {
    const last = runs.at(-1);
    if (last && isCreateRun(last) && isCreate(submission)) last.push(submission);
    else runs.push([submission]);
  }
  return runs;
}

/**
 * A run's part of the batch: policy, records, events, notices, and each command's answer recorded
 * under its id. No look-up of the id first: a retry is rare, and the id's primary key catches it,
 * failing the batch (see answerRetry). A refusal comes back in its command's place.
 */
async function applyRun(tx: Queryable, run: Submission[]): Promise<(CommandOutcome | HttpError)[]> {
  if (isCreateRun(run)) {
    const made = await createAnnotations(tx, run);
    const outcomes: (CommandOutcome | HttpError)[] = [];
    for (const [i, outcome] of made.entries()) {
      if (outcome instanceof HttpError) outcomes.push(outcome);
      else outcomes.push({ ...outcome, notices: await collectNotices(tx, run[i]!.actor, run[i]!.command, outcome.result, null) });
    }
    return outcomes;
  }
  const { actor, command } = run[0]! as { actor: UserActor; command: Exclude<Command, { type: 'annotation.create' }> };
  try {
    const handler = handlers[command.type] as Handler<typeof command>;
    const previousBody = await bodyBefore(tx, command);
    const outcome = await handler(tx, actor, command);
    const notices = await collectNotices(tx, actor, command, outcome.result, previousBody);
    await insertAppliedCommand(tx, command.commandId, actor.id, outcome.result);
    return [{ ...outcome, notices }];
  } catch (error) {
    if (error instanceof HttpError) return [error];
    throw error;
  }
}

/** What a command that failed answers: a retry's first answer, a refusal, or "try again". */
async function answerFailure(db: Database, { actor, command }: Submission, error: unknown): Promise<CommandOutcome> {
  if (error instanceof HttpError || isUniqueViolation(error)) {
    const retry = await answerRetry(db, actor, command);
    if (retry) return retry;
    return refused(error instanceof HttpError ? error : commandConflict('A record with this id already exists'));
  }
  if (isConnectionError(error)) return refused(databaseUnavailable());
  // A new version landed again while it was checked once more: the reader must look at the new text.
  if (isStaleVersion(error)) return refused(selectorsMismatch());
  throw error;
}

/** Runs one after the other (they share the database), each settling on its own. */
async function settleEach<T>(tasks: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  const settled: PromiseSettledResult<T>[] = [];
  for (const task of tasks) {
    try {
      settled.push({ status: 'fulfilled', value: await task() });
    } catch (reason) {
      settled.push({ status: 'rejected', reason });
    }
  }
  return settled;
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

/** The SQLSTATE of a database error: `MV001` a version no longer current (migrations/0012), `23505` a unique key taken. */
function sqlState(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

const isStaleVersion = (error: unknown) => sqlState(error) === 'MV001';
const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';
