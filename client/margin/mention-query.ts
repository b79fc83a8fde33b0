/**
 * The text side of @mentions, with no DOM: finding the `@query` being typed before the caret,
 * choosing the members it matches, and writing the chosen member as the Markdown link the server
 * reads (`[@Name](mention:<userId>)`, shared/notifications.ts).
 */

export interface MentionMember {
  userId: string;
  name: string;
}

/** The `@query` being typed: `start` is the index of the `@`, `end` the caret. */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

/** Long enough for a first and last name; a longer run is prose, not a name being typed. */
const maxQueryLength = 40;

// A name is letters (with their accents), and may hold apostrophes, hyphens, dots and single spaces.
const queryPattern = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*(?: [\p{L}\p{M}'’.-]*)?$/u;

/**
 * The `@query` that ends at `caret`, or null. The `@` must open a word: after the start, a space or
 * an opening bracket — so that "ana@example.org" does not ask for a member, and the `[@Name` of a
 * mention already written is left alone.
 */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  if (caret <= 0) return null;
  const from = Math.max(0, caret - maxQueryLength - 1);
  const at = text.lastIndexOf('@', caret - 1);
  if (at < from) return null;
  const before = at === 0 ? '' : text.charAt(at - 1);
  if (before !== '' && !/[\s(]/u.test(before)) return null;
  const query = text.slice(at + 1, caret);
  if (query !== '' && !queryPattern.test(query)) return null;
  return { start: at, end: caret, query };
}

/** Folds case and accents, so that "@eli" finds "Élise". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The members whose name, or one of whose names, begins with the query; those whose whole name
 * begins with it first, then by name.
 */
export function matchMembers<M extends MentionMember>(members: readonly M[], query: string, limit = 8): M[] {
  const wanted = fold(query.trim());
  const scored: { member: M; rank: number }[] = [];
  for (const member of members) {
    const name = fold(member.name);
    if (name.startsWith(wanted)) scored.push({ member, rank: 0 });
    else if (name.split(/\s+/u).some((word) => word.startsWith(wanted))) scored.push({ member, rank: 1 });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name))
    .slice(0, limit)
    .map((entry) => entry.member);
}

/** A name as link text: brackets, backslashes and emphasis marks are escaped so they stay text. */
const escapeLinkText = (name: string) => name.replace(/[\\[\]*_`]/g, (mark) => `\\${mark}`);

/** The Markdown a mention is written as; the server notifies `userId` when it finds it in a body. */
export const mentionMarkdown = (member: MentionMember) => `[@${escapeLinkText(member.name)}](mention:${member.userId})`;

/**
 * The text with the typed `@query` replaced by the member's mention, followed by a space unless one
 * is already there, and the caret just after it.
 */
export function insertMention(text: string, query: MentionQuery, member: MentionMember): { text: string; caret: number } {
  const after = text.slice(query.end);
  const inserted = `${mentionMarkdown(member)}${/^\s/u.test(after) ? '' : ' '}`;
  return { text: `${text.slice(0, query.start)}${inserted}${after}`, caret: query.start + inserted.length };
}
