/**
 * One handler per annotation command. Each reads what it needs inside the transaction (locking the
 * record it changes), asks the policy, writes the record and its event, and says what the rooms must
 * now show. Refusals are HttpErrors; nothing is written when one is thrown.
 */
import type { AnnotationKind, Command, EventAction } from '../../shared/annotations.ts';
import type { RoomName } from '../../shared/rooms.ts';
import { selectorsAgreeWith } from '../../shared/selectors.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError, annotationNotFound, badRequest, forbidden, notFound, replyNotFound, selectorsMismatch } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize, type AnnotationAction, type Resource } from '../policies/can.ts';
import { enforce } from '../policies/enforce.ts';
import { presentAnnotation, presentReply } from '../presenters/annotations.ts';
import { annotationResource } from '../queries/annotation-resource.ts';
import { insertEvent } from '../repos/annotation-events.ts';
import {
  findAnnotation,
  findCreateFacts,
  findCreateFactsOf,
  insertCreatedAnnotations,
  updateAnnotation,
  type AnnotationChanges,
  type AnnotationRow,
  type CreateFacts,
} from '../repos/annotations.ts';
import { findReply, hasLiveReplies, insertReply, updateReply, type ReplyRow } from '../repos/replies.ts';
import type { Handler, HandlerOutcome, RoomChange } from './annotation-commands.ts';
import { findVocabularies, type NewTag, type VocabularyRows } from '../repos/group-tags.ts';
import { resolveTags, tagsInVocabulary } from './vocabulary-tags.ts';

type UserActor = Extract<Actor, { type: 'user' }>;
type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

export function roomOf(annotation: Pick<AnnotationRow, 'groupId' | 'authorId' | 'documentId'>): RoomName {
  return annotation.groupId
    ? { type: 'group', groupId: annotation.groupId, documentId: annotation.documentId }
    : { type: 'private', userId: annotation.authorId, documentId: annotation.documentId };
}

/** The refusal of a write to an annotation one may read. */
const notYours = () => forbidden('You may not do this to this annotation');

const roomColumns = (annotation: Pick<AnnotationRow, 'documentId' | 'groupId'>) => ({ documentId: annotation.documentId, groupId: annotation.groupId });

/** The live annotation, locked, and the actor's rights on it; deleted ones are gone for commands. */
async function loadAnnotation(tx: Queryable, actor: UserActor, id: string, action: AnnotationAction): Promise<AnnotationRow> {
  const annotation = await findAnnotation(tx, id, { lock: true });
  if (!annotation || annotation.deletedAt) throw annotationNotFound();
  const resource = await annotationResource(tx, actor.id, annotation);
  enforce(authorize(actor, 'annotation.read', resource), { notFound: annotationNotFound, forbidden: notYours });
  enforce(authorize(actor, action, resource), { notFound: annotationNotFound, forbidden: notYours });
  return annotation;
}

async function loadReply(tx: Queryable, actor: UserActor, id: string, action: AnnotationAction): Promise<{ reply: ReplyRow; annotation: AnnotationRow }> {
  const reply = await findReply(tx, id, { lock: true });
  const annotation = reply ? await findAnnotation(tx, reply.annotationId) : null;
  if (!reply || reply.deletedAt || !annotation) throw replyNotFound();
  const resource = await annotationResource(tx, actor.id, annotation, reply.authorId);
  enforce(authorize(actor, 'annotation.read', resource), { notFound: replyNotFound, forbidden: notYours });
  enforce(authorize(actor, action, resource), { notFound: replyNotFound, forbidden: notYours });
  return { reply, annotation };
}

/** The room's view of an annotation: gone once deleted with nothing left answering it. */
async function annotationChange(tx: Queryable, row: AnnotationRow): Promise<RoomChange> {
  const isGone = row.deletedAt !== null && !(await hasLiveReplies(tx, { annotationId: row.id }));
  return { room: roomOf(row), map: 'annotations', id: row.id, record: isGone ? null : presentAnnotation(row, { withHiddenBody: false }) };
}

async function replyChange(tx: Queryable, row: ReplyRow, annotation: AnnotationRow): Promise<RoomChange> {
  const isGone = row.deletedAt !== null && !(await hasLiveReplies(tx, { parentId: row.id }));
  return { room: roomOf(annotation), map: 'replies', id: row.id, record: isGone ? null : presentReply(row, { withHiddenBody: false }) };
}

/** Applies `changes`, records `action` with the fields' before and after, and answers. */
async function changeAnnotation(
  tx: Queryable,
  actor: UserActor,
  annotation: AnnotationRow,
  action: EventAction,
  changes: AnnotationChanges,
): Promise<HandlerOutcome> {
  const fields = Object.keys(changes) as (keyof AnnotationChanges)[];
  const before = Object.fromEntries(fields.map((field) => [field, annotation[field]]));
  const outcome = await updateAnnotation(tx, annotation.id, changes);
  const after = Object.fromEntries(fields.map((field) => [field, outcome[field]]));
  await insertEvent(tx, { annotationId: annotation.id, ...roomColumns(annotation), actorId: actor.id, action, before, after });
  return { result: { ok: true, annotation: presentAnnotation(outcome, { withHiddenBody: true }) }, changes: [await annotationChange(tx, outcome)] };
}

async function changeReply(
  tx: Queryable,
  actor: UserActor,
  loaded: { reply: ReplyRow; annotation: AnnotationRow },
  action: EventAction,
  changes: { body?: string; isHidden?: boolean; deleted?: boolean },
): Promise<HandlerOutcome> {
  const { reply, annotation } = loaded;
  const outcome = await updateReply(tx, reply.id, changes);
  await insertEvent(tx, {
    annotationId: annotation.id,
    ...roomColumns(annotation),
    replyId: reply.id,
    actorId: actor.id,
    action,
    before: { body: reply.body, isHidden: reply.isHidden, deleted: reply.deletedAt !== null },
    after: { body: outcome.body, isHidden: outcome.isHidden, deleted: outcome.deletedAt !== null },
  });
  const roomChanges = [await replyChange(tx, outcome, annotation)];
  // The last reply under a deleted annotation takes its placeholder with it.
  if (changes.deleted && annotation.deletedAt) roomChanges.push(await annotationChange(tx, annotation));
  return { result: { ok: true, reply: presentReply(outcome, { withHiddenBody: true }) }, changes: roomChanges };
}

const requiresBody = (kind: AnnotationKind, body: string) => kind !== 'highlight' && body.trim() === '';

type CreateSubmission = { actor: UserActor; command: CommandOf<'annotation.create'> };

/**
 * Creates that arrive together are made together: one read of their facts, then one statement that
 * writes their rows, events and answers (repos/annotations.ts). Each is checked on its own; a refused
 * one is answered with its HttpError in its place, and nothing of it is written.
 */
export async function createAnnotations(db: Queryable, submissions: readonly CreateSubmission[]): Promise<(HandlerOutcome | HttpError)[]> {
  const groupIdOf = ({ target }: CommandOf<'annotation.create'>) => (target.type === 'group' ? target.groupId : null);
  const facts = await findCreateFactsOf(
    db,
    submissions.map(({ actor, command }) => ({ documentId: command.documentId, groupId: groupIdOf(command), userId: actor.id })),
  );
  const taggedGroupIds = submissions.flatMap(({ command }) => (groupIdOf(command) && command.tags.length > 0 ? [groupIdOf(command)!] : []));
  const vocabularies = taggedGroupIds.length > 0 ? await findVocabularies(db, taggedGroupIds) : new Map<string, VocabularyRows>();
  const newTags: NewTag[] = [];
  const now = new Date();
  const outcomes = submissions.map(({ actor, command }, i): (HandlerOutcome & { row: AnnotationRow }) | HttpError => {
    try {
      const groupId = groupIdOf(command);
      const known = checkCreate(actor, command, groupId, facts[i]!);
      const vocabulary = groupId ? vocabularies.get(groupId) : undefined;
      const resolved = vocabulary ? resolveTags(actor, { id: groupId!, role: known.role, vocabulary }, command.tags) : { tags: command.tags, added: [] };
      newTags.push(...resolved.added);
      const row: AnnotationRow = {
        id: command.annotationId,
        documentId: command.documentId,
        documentVersion: known.version,
        groupId,
        visibility: groupId ? 'group' : 'private',
        authorId: actor.id,
        authorName: known.userName,
        kind: command.kind,
        selectors: command.selectors,
        body: command.body,
        tags: resolved.tags,
        status: 'open',
        isHidden: false,
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
        editedAt: null,
      };
      const change: RoomChange = { room: roomOf(row), map: 'annotations', id: row.id, record: presentAnnotation(row, { withHiddenBody: false }) };
      return { row, result: { ok: true, annotation: presentAnnotation(row, { withHiddenBody: true }) }, changes: [change] };
    } catch (error) {
      if (error instanceof HttpError) return error;
      throw error;
    }
  });
  await insertCreatedAnnotations(
    db,
    outcomes.flatMap((outcome, i) =>
      outcome instanceof HttpError ? [] : [{ row: outcome.row, commandId: submissions[i]!.command.commandId, result: outcome.result, via: submissions[i]!.command.via ?? null }],
    ),
    newTags,
  );
  return outcomes.map((outcome) => (outcome instanceof HttpError ? outcome : { result: outcome.result, changes: outcome.changes }));
}

/** The policy and the text's say on one create; answers the facts it was checked against. */
function checkCreate(actor: UserActor, command: CommandOf<'annotation.create'>, groupId: string | null, facts: CreateFacts | null): CreateFacts {
  if (!facts) throw badRequest(`No document with id "${command.documentId}"`); // the library is public
  const resource: Resource = { type: 'annotation', role: facts.role, ownerId: groupId ? null : actor.id, authorId: actor.id };
  enforce(authorize(actor, 'annotation.create', resource), { notFound: () => notFound('The seminar'), forbidden: notYours });
  if (groupId && !facts.isDocumentInGroup) throw forbidden('This seminar does not read that document');
  if (!selectorsAgreeWith(facts.text, command.selectors)) throw selectorsMismatch();
  if (requiresBody(command.kind, command.body)) throw badRequest(`A ${command.kind} needs some text`);
  return facts;
}

const edit: Handler<CommandOf<'annotation.edit'>> = async (tx, actor, command) => {
  const annotation = await loadAnnotation(tx, actor, command.annotationId, 'annotation.write');
  const kind = command.kind ?? annotation.kind;
  if (requiresBody(kind, command.body)) throw badRequest(`A ${kind} needs some text`);
  return changeAnnotation(tx, actor, annotation, 'edited', command.kind ? { body: command.body, kind } : { body: command.body });
};

const tag: Handler<CommandOf<'annotation.tag'>> = async (tx, actor, command) => {
  const annotation = await loadAnnotation(tx, actor, command.annotationId, 'annotation.write');
  const tags = annotation.groupId ? await tagsInVocabulary(tx, actor, annotation.groupId, command.tags) : command.tags;
  return changeAnnotation(tx, actor, annotation, 'tagged', { tags });
};

const resolve: Handler<CommandOf<'annotation.resolve'>> = async (tx, actor, command) =>
  changeAnnotation(tx, actor, await loadAnnotation(tx, actor, command.annotationId, 'annotation.resolve'), 'resolved', { status: 'resolved' });

const reopen: Handler<CommandOf<'annotation.reopen'>> = async (tx, actor, command) =>
  changeAnnotation(tx, actor, await loadAnnotation(tx, actor, command.annotationId, 'annotation.resolve'), 'reopened', { status: 'open' });

const hide: Handler<CommandOf<'annotation.hide'>> = async (tx, actor, command) =>
  changeAnnotation(tx, actor, await loadAnnotation(tx, actor, command.annotationId, 'annotation.moderate'), 'hidden', { isHidden: true });

const unhide: Handler<CommandOf<'annotation.unhide'>> = async (tx, actor, command) =>
  changeAnnotation(tx, actor, await loadAnnotation(tx, actor, command.annotationId, 'annotation.moderate'), 'unhidden', { isHidden: false });

const remove: Handler<CommandOf<'annotation.delete'>> = async (tx, actor, command) =>
  changeAnnotation(tx, actor, await loadAnnotation(tx, actor, command.annotationId, 'annotation.write'), 'deleted', { deletedAt: new Date() });

const reanchor: Handler<CommandOf<'annotation.reanchor'>> = async (tx, actor, command) => {
  const annotation = await loadAnnotation(tx, actor, command.annotationId, 'annotation.write');
  const document = await findCreateFacts(tx, { documentId: annotation.documentId, groupId: annotation.groupId, userId: actor.id });
  if (!document || !selectorsAgreeWith(document.text, command.selectors)) throw selectorsMismatch();
  return changeAnnotation(tx, actor, annotation, 'reanchored', { selectors: command.selectors });
};

const reply: Handler<CommandOf<'reply.create'>> = async (tx, actor, command) => {
  // Replying is writing in the annotation's room: members of its group, or the owner of private notes.
  const annotation = await findAnnotation(tx, command.annotationId, { lock: true });
  if (!annotation || annotation.deletedAt) throw annotationNotFound();
  const resource = await annotationResource(tx, actor.id, annotation, actor.id);
  enforce(authorize(actor, 'annotation.read', resource), { notFound: annotationNotFound, forbidden: notYours });
  enforce(authorize(actor, 'annotation.create', resource), { notFound: annotationNotFound, forbidden: notYours });
  if (command.parentId) {
    const parent = await findReply(tx, command.parentId);
    if (!parent || parent.annotationId !== annotation.id || parent.deletedAt) throw replyNotFound();
  }
  const outcome = await insertReply(tx, { id: command.replyId, annotationId: annotation.id, parentId: command.parentId, authorId: actor.id, body: command.body, via: command.via ?? null });
  const change = await replyChange(tx, outcome, annotation);
  await insertEvent(tx, {
    annotationId: annotation.id,
    ...roomColumns(annotation),
    replyId: outcome.id,
    actorId: actor.id,
    action: 'created',
    before: null,
    after: { body: outcome.body, parentId: outcome.parentId },
  });
  return { result: { ok: true, reply: presentReply(outcome, { withHiddenBody: true }) }, changes: [change] };
};

const editReply: Handler<CommandOf<'reply.edit'>> = async (tx, actor, command) =>
  changeReply(tx, actor, await loadReply(tx, actor, command.replyId, 'annotation.write'), 'edited', { body: command.body });

const hideReply: Handler<CommandOf<'reply.hide'>> = async (tx, actor, command) =>
  changeReply(tx, actor, await loadReply(tx, actor, command.replyId, 'annotation.moderate'), 'hidden', { isHidden: true });

const unhideReply: Handler<CommandOf<'reply.unhide'>> = async (tx, actor, command) =>
  changeReply(tx, actor, await loadReply(tx, actor, command.replyId, 'annotation.moderate'), 'unhidden', { isHidden: false });

const deleteReply: Handler<CommandOf<'reply.delete'>> = async (tx, actor, command) =>
  changeReply(tx, actor, await loadReply(tx, actor, command.replyId, 'annotation.write'), 'deleted', { deleted: true });

/** Every command but a create, which goes with the creates that arrive with it (createAnnotations). */
export const handlers: { [T in Exclude<Command['type'], 'annotation.create'>]: Handler<CommandOf<T>> } = {
  'annotation.edit': edit,
  'annotation.tag': tag,
  'annotation.resolve': resolve,
  'annotation.reopen': reopen,
  'annotation.hide': hide,
  'annotation.unhide': unhide,
  'annotation.delete': remove,
  'annotation.reanchor': reanchor,
  'reply.create': reply,
  'reply.edit': editReply,
  'reply.hide': hideReply,
  'reply.unhide': unhideReply,
  'reply.delete': deleteReply,
};
