/**
 * A seminar's tag vocabulary as both sides see it: the records, the limits, and the pure rules that
 * the composer and the server apply alike. No zod here, so that the browser's bundle may import it
 * (the schemas are in tags.ts).
 *
 * A tag's name is matched without regard to case: "Helsinki" and "helsinki" are one tag, written the
 * way the vocabulary spells it.
 */
export const tagLimits = {
  /** Tags in one seminar's vocabulary: enough for any seminar, few enough to list in a composer. */
  vocabulary: 300,
  description: 500,
} as const;

/** `#rrggbb`, lower case: what a colour input gives and what the database accepts. */
export const tagColourPattern = /^#[0-9a-f]{6}$/;

export interface TagRecord {
  id: string;
  name: string;
  /** Null when the moderators chose none: such a tag does not colour highlights. */
  colour: string | null;
  description: string;
}

export interface TagVocabulary {
  groupId: string;
  /** When locked, members choose among these tags and add no new ones. */
  isLocked: boolean;
  tags: TagRecord[];
}

/** How often a tag is used in the seminar's live annotations, in all, and by each author. */
export interface TagUsage {
  name: string;
  count: number;
  byMember: { userId: string; name: string; count: number }[];
}

export const tagKey = (name: string) => name.toLowerCase();

/** The vocabulary's entry for a name, whatever its case; undefined when the vocabulary lacks it. */
export function findTag(tags: readonly TagRecord[], name: string): TagRecord | undefined {
  const key = tagKey(name);
  return tags.find((tag) => tagKey(tag.name) === key);
}

/**
 * An annotation's tags after `from` became `to` (a rename or a merge; null: the tag was deleted):
 * in the same order, the replaced tag in its place, once only.
 */
export function retagged(tags: readonly string[], from: string, to: string | null): string[] {
  const result: string[] = [];
  for (const tag of tags) {
    const next = tagKey(tag) === tagKey(from) ? to : tag;
    if (next !== null && !result.some((kept) => tagKey(kept) === tagKey(next))) result.push(next);
  }
  return result;
}

/** The first of an annotation's tags that has a colour in the vocabulary: what its highlight shows. */
export function colourOfTags(tags: readonly string[], vocabulary: readonly TagRecord[]): string | null {
  for (const name of tags) {
    const colour = findTag(vocabulary, name)?.colour;
    if (colour) return colour;
  }
  return null;
}
