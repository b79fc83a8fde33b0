/** Vocabulary rows → the records of shared/tag-vocabulary.ts. */
import type { TagRecord, TagUsage, TagVocabulary } from '../../shared/tag-vocabulary.ts';
import type { TagRow, VocabularyRows } from '../repos/group-tags.ts';

export const presentTag = (row: TagRow): TagRecord => ({ id: row.id, name: row.name, colour: row.colour, description: row.description });

export function presentVocabulary(groupId: string, vocabulary: VocabularyRows): TagVocabulary {
  return { groupId, isLocked: vocabulary.isLocked, tags: vocabulary.tags.map(presentTag) };
}

/** Every tag of the vocabulary, used or not, with its counts; the most used first. */
export function presentUsage(tags: readonly TagRow[], rows: readonly { name: string; userId: string; userName: string; count: number }[]): TagUsage[] {
  const usage = new Map<string, TagUsage>(tags.map((tag) => [tag.name, { name: tag.name, count: 0, byMember: [] }]));
  for (const row of rows) {
    const entry = usage.get(row.name);
    if (!entry) continue;
    entry.count += row.count;
    entry.byMember.push({ userId: row.userId, name: row.userName, count: row.count });
  }
  return [...usage.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
