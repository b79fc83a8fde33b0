/**
 * The members an @mention may name, per group, fetched when someone first types `@` and kept for a
 * short while: forms are rebuilt with every render of the margin, and one fetch should serve them.
 * The person writing is left out: one does not notify oneself.
 */
import { listGroupMembers } from '../services/groups-api.ts';
import { currentSession } from '../services/session.ts';
import type { MentionMember } from './mention-query.ts';

/** Long enough to serve a writing session, short enough to see who joined since. */
const freshForMs = 60_000;

const cache = new Map<string, { at: number; members: Promise<MentionMember[]> }>();

export function mentionMembers(groupId: string): Promise<MentionMember[]> {
  const cached = cache.get(groupId);
  if (cached && Date.now() - cached.at < freshForMs) return cached.members;
  const members = listGroupMembers(groupId).then((result) => {
    if (result.type === 'error') {
      // Without the list there is nothing to suggest; a plain `@` stays text. Ask again next time.
      cache.delete(groupId);
      return [];
    }
    const session = currentSession();
    const me = session.type === 'signed-in' ? session.user.id : null;
    return result.value.filter((member) => member.userId !== me).map(({ userId, name }) => ({ userId, name }));
  });
  cache.set(groupId, { at: Date.now(), members });
  return members;
}
