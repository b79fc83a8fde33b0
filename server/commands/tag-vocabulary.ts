/**
 * The commands that edit a seminar's tag vocabulary. Each runs in one transaction that checks the
 * policy with facts read inside it. A rename, a merge or a deletion rewrites the tag in every live
 * annotation of the seminar, on all its documents, with a 'tagged' event per annotation naming who did
 * it, so that each annotation's history shows the change; the caller applies `changes` to the open
 * rooms after the commit, as for annotation commands.
 */
import { retagged, tagLimits } from '../../shared/tag-vocabulary.ts';
import type { Database, Queryable } from '../db/database.ts';
import { badRequest, tagNameTaken, tagNotFound, vocabularyFull } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize, type TagAction } from '../policies/can.ts';
import { enforce } from '../policies/enforce.ts';
import { presentAnnotation } from '../presenters/annotations.ts';
import { insertEvents } from '../repos/annotation-events.ts';
import { findAnnotationsTagged, updateTagsOf } from '../repos/annotations.ts';
import { findRole } from '../repos/groups.ts';
import {
  deleteTag as deleteTagRow,
  findTag,
  findTagNamed,
  findVocabulary,
  insertTag,
  updateTag as updateTagRow,
  updateVocabularyLock,
  type TagRow,
  type VocabularyRows,
} from '../repos/group-tags.ts';
import type { RoomChange } from './annotation-commands.ts';
import { roomOf } from './annotation-handlers.ts';

type UserActor = Extract<Actor, { type: 'user' }>;

/** The vocabulary as it now stands, and what the rooms must now show. */
export interface VocabularyOutcome {
  vocabulary: VocabularyRows;
  changes: RoomChange[];
}

/** Checks `action` on the group's vocabulary; an outsider learns nothing of the seminar (404). */
export async function checkVocabulary(tx: Queryable, actor: UserActor, groupId: string, action: TagAction): Promise<VocabularyRows> {
  const role = await findRole(tx, groupId, actor.id);
  const vocabulary = role === null ? null : await findVocabulary(tx, groupId);
  enforce(authorize(actor, action, { type: 'tagVocabulary', role, isLocked: vocabulary?.isLocked ?? false }));
  return vocabulary!;
}

export function readVocabulary(db: Database, actor: UserActor, groupId: string): Promise<VocabularyRows> {
  return checkVocabulary(db, actor, groupId, 'tags.read');
}

export async function createTag(
  db: Database,
  actor: UserActor,
  groupId: string,
  input: { name: string; colour?: string | null | undefined; description: string },
): Promise<{ tag: TagRow; vocabulary: VocabularyRows }> {
  return db.transaction(async (tx) => {
    const vocabulary = await checkVocabulary(tx, actor, groupId, 'tags.manage');
    if (vocabulary.tags.length >= tagLimits.vocabulary) throw vocabularyFull(tagLimits.vocabulary);
    const tag = await insertTag(tx, { groupId, ...input, createdBy: actor.id });
    if (!tag) throw tagNameTaken(input.name);
    return { tag, vocabulary: (await findVocabulary(tx, groupId))! };
  });
}

/** Changes colour or description; a new name is a rename, carried into every annotation. */
export async function updateTag(
  db: Database,
  actor: UserActor,
  groupId: string,
  tagId: string,
  input: { name?: string | undefined; colour?: string | null | undefined; description?: string | undefined },
): Promise<VocabularyOutcome> {
  return db.transaction(async (tx) => {
    await checkVocabulary(tx, actor, groupId, 'tags.manage');
    const tag = await findTag(tx, groupId, tagId, { lock: true });
    if (!tag) throw tagNotFound();
    const isRename = input.name !== undefined && input.name !== tag.name;
    if (isRename) {
      const other = await findTagNamed(tx, groupId, input.name!, tag.id);
      if (other) throw tagNameTaken(other.name);
    }
    await updateTagRow(tx, tag.id, { name: input.name, colour: input.colour, description: input.description });
    const changes = isRename ? await retag(tx, actor, groupId, tag.name, input.name!) : [];
    return { vocabulary: (await findVocabulary(tx, groupId))!, changes };
  });
}

/** Folds one tag into another: its annotations carry the other instead, and it leaves the vocabulary. */
export async function mergeTag(db: Database, actor: UserActor, groupId: string, tagId: string, intoId: string): Promise<VocabularyOutcome> {
  if (tagId === intoId) throw badRequest('A tag cannot be merged into itself');
  return db.transaction(async (tx) => {
    await checkVocabulary(tx, actor, groupId, 'tags.manage');
    // Locked in id order, so that two merges of the same pair in opposite directions queue, not deadlock.
    const [first, second] = [tagId, intoId].sort();
    const locked = [await findTag(tx, groupId, first!, { lock: true }), await findTag(tx, groupId, second!, { lock: true })];
    const from = locked.find((tag) => tag?.id === tagId);
    const into = locked.find((tag) => tag?.id === intoId);
    if (!from || !into) throw tagNotFound();
    const changes = await retag(tx, actor, groupId, from.name, into.name);
    await deleteTagRow(tx, from.id);
    return { vocabulary: (await findVocabulary(tx, groupId))!, changes };
  });
}

/** Removes a tag from the vocabulary and from every annotation that carries it. */
export async function deleteTag(db: Database, actor: UserActor, groupId: string, tagId: string): Promise<VocabularyOutcome> {
  return db.transaction(async (tx) => {
    await checkVocabulary(tx, actor, groupId, 'tags.manage');
    const tag = await findTag(tx, groupId, tagId, { lock: true });
    if (!tag) throw tagNotFound();
    const changes = await retag(tx, actor, groupId, tag.name, null);
    await deleteTagRow(tx, tag.id);
    return { vocabulary: (await findVocabulary(tx, groupId))!, changes };
  });
}

export async function lockVocabulary(db: Database, actor: UserActor, groupId: string, isLocked: boolean): Promise<VocabularyRows> {
  return db.transaction(async (tx) => {
    await checkVocabulary(tx, actor, groupId, 'tags.lock');
    await updateVocabularyLock(tx, groupId, isLocked);
    return (await findVocabulary(tx, groupId))!;
  });
}

/** `from` becomes `to` (null: goes) in the group's live annotations, each with its history row. */
async function retag(tx: Queryable, actor: UserActor, groupId: string, from: string, to: string | null): Promise<RoomChange[]> {
  const annotations = await findAnnotationsTagged(tx, groupId, from);
  const rewritten = annotations.map((annotation) => ({ annotation, tags: retagged(annotation.tags, from, to) }));
  const changed = rewritten.filter(({ annotation, tags }) => tags.join('\n') !== annotation.tags.join('\n'));
  const rows = await updateTagsOf(tx, changed.map(({ annotation, tags }) => ({ id: annotation.id, tags })));
  await insertEvents(
    tx,
    changed.map(({ annotation, tags }) => ({
      annotationId: annotation.id,
      documentId: annotation.documentId,
      groupId,
      actorId: actor.id,
      action: 'tagged',
      before: { tags: annotation.tags },
      after: { tags },
    })),
  );
  return rows.map((row) => ({ room: roomOf(row), map: 'annotations', id: row.id, record: presentAnnotation(row, { withHiddenBody: false }) }));
}
