/** How one batch of creates meets the vocabulary (server/commands/vocabulary-tags.ts: resolveTags). */
import { describe, expect, it } from 'vitest';
import { resolveTags } from '../../../server/commands/vocabulary-tags.ts';
import type { VocabularyRows } from '../../../server/repos/group-tags.ts';
import { HttpError } from '../../../server/errors.ts';
import { tagLimits } from '../../../shared/tag-vocabulary.ts';

const ben = { type: 'user', id: 'ben', isAdmin: false } as const;
const mo = { type: 'user', id: 'mo', isAdmin: false } as const;
const row = (name: string) => ({ id: name, groupId: 'g', name, colour: null, description: '' });

describe('resolveTags', () => {
  it('lets a later create of the batch meet an earlier one’s new tag as known, in its spelling', () => {
    const vocabulary: VocabularyRows = { isLocked: false, tags: [row('Helsinki')] };
    const first = resolveTags(ben, { id: 'g', role: 'member', vocabulary }, ['helsinki', 'Vienna']);
    expect(first).toEqual({ tags: ['Helsinki', 'Vienna'], added: [{ groupId: 'g', name: 'Vienna', createdBy: 'ben' }] });
    const second = resolveTags(mo, { id: 'g', role: 'moderator', vocabulary }, ['VIENNA', 'vienna']);
    expect(second).toEqual({ tags: ['Vienna'], added: [] });
  });

  it('leaves nothing of a refused create in the batch’s vocabulary', () => {
    const vocabulary: VocabularyRows = { isLocked: false, tags: Array.from({ length: tagLimits.vocabulary - 1 }, (_, i) => row(`t${i}`)) };
    expect(() => resolveTags(ben, { id: 'g', role: 'member', vocabulary }, ['one more', 'one too many'])).toThrow(HttpError);
    expect(vocabulary.tags).toHaveLength(tagLimits.vocabulary - 1);
    expect(resolveTags(ben, { id: 'g', role: 'member', vocabulary }, ['one more']).added).toHaveLength(1);
  });

  it('refuses a locked vocabulary’s new tag, even to its owner, with the name in the message', () => {
    const locked: VocabularyRows = { isLocked: true, tags: [row('Helsinki')] };
    expect(() => resolveTags(mo, { id: 'g', role: 'owner', vocabulary: locked }, ['Helsinki', 'Madrid'])).toThrow(/“Madrid”/);
    expect(resolveTags(mo, { id: 'g', role: 'owner', vocabulary: locked }, ['HELSINKI']).tags).toEqual(['Helsinki']);
  });
});
