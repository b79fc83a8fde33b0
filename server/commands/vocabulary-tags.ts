/**
 * The vocabulary's say on an annotation's tags in a seminar: a tag the vocabulary has is written as
 * the vocabulary spells it; a new one joins the vocabulary in the command's transaction, when the
 * policy lets this person add tags (a member of an unlocked vocabulary), and is refused otherwise.
 * Private notes have no vocabulary: their tags are their author's own.
 */
import type { Role } from '../../shared/accounts.ts';
import { findTag, tagKey, tagLimits } from '../../shared/tag-vocabulary.ts';
import type { Queryable } from '../db/database.ts';
import { tagsLocked, vocabularyFull } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize } from '../policies/can.ts';
import { findRole } from '../repos/groups.ts';
import { findVocabulary, insertNewTags, type NewTag, type VocabularyRows } from '../repos/group-tags.ts';

type UserActor = Extract<Actor, { type: 'user' }>;

/**
 * The tags as written, and those new to the vocabulary. `vocabulary` gains the new ones, so that a
 * batch's later create that brings the same tag in another case meets it as known.
 */
export function resolveTags(
  actor: UserActor,
  group: { id: string; role: Role | null; vocabulary: VocabularyRows },
  tags: readonly string[],
): { tags: string[]; added: NewTag[] } {
  const written: string[] = [];
  const added: NewTag[] = [];
  const known = [...group.vocabulary.tags];
  for (const name of tags) {
    const entry = findTag(known, name);
    if (!entry) {
      const decision = authorize(actor, 'tags.add', { type: 'tagVocabulary', role: group.role, isLocked: group.vocabulary.isLocked });
      if (decision !== 'allow') throw tagsLocked(name);
      if (known.length >= tagLimits.vocabulary) throw vocabularyFull(tagLimits.vocabulary);
      known.push({ id: '', groupId: group.id, name, colour: null, description: '' });
      added.push({ groupId: group.id, name, createdBy: actor.id });
    }
    const spelled = entry?.name ?? name;
    if (!written.some((tag) => tagKey(tag) === tagKey(spelled))) written.push(spelled);
  }
  // Only an accepted command's tags count as known to the rest of the batch.
  group.vocabulary.tags = known;
  return { tags: written, added };
}

/** For a command on one annotation of a seminar: the tags to write, the new ones already added. */
export async function tagsInVocabulary(tx: Queryable, actor: UserActor, groupId: string, tags: readonly string[]): Promise<string[]> {
  const vocabulary = await findVocabulary(tx, groupId);
  if (!vocabulary) return [...tags];
  const resolved = resolveTags(actor, { id: groupId, role: await findRole(tx, groupId, actor.id), vocabulary }, tags);
  await insertNewTags(tx, resolved.added);
  return resolved.tags;
}
