/** Which changes rebuild a card: what it shows, and nothing else. */
import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import { describeRange } from '../../shared/selectors.ts';
import { cardVersionOf, isSameCardVersion, type CardVersionInput } from '../../client/margin/card-version.ts';

const record: AnnotationRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  documentId: 'memo',
  groupId: 'g',
  visibility: 'group',
  kind: 'comment',
  selectors: describeRange('Under the new leadership', 0, 5),
  body: 'A note',
  tags: [],
  status: 'open',
  isHidden: false,
  isDeleted: false,
  authorId: 'u1',
  authorName: 'Ada',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const reply = (id: string, body = 'a reply'): ReplyRecord => ({ id, annotationId: record.id, parentId: null, body, isHidden: false, isDeleted: false, authorId: 'u2', authorName: 'Bea', createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' });

function input(overrides: Partial<CardVersionInput> = {}): CardVersionInput {
  return {
    item: { record, anchor: { type: 'anchored', start: 0, end: 5 } as CardVersionInput['item']['anchor'], isPending: false },
    replies: [{ record: reply('r1'), isPending: false }],
    isFocused: false,
    role: 'member',
    isReplaying: false,
    state: { isEditing: false, hiddenBody: null, notice: null, openForm: null },
    typing: [],
    ...overrides,
  };
}

const same = (a: Partial<CardVersionInput>, b: Partial<CardVersionInput>) => isSameCardVersion(cardVersionOf(input(a)), cardVersionOf(input(b)));

describe('whether a card must be rebuilt', () => {
  it('keeps a card whose record and thread are unchanged, even as new objects', () => {
    expect(same({}, { item: { ...input().item, record: { ...record } } })).toBe(true);
  });

  it('rebuilds a card whose record changed', () => {
    expect(same({}, { item: { ...input().item, record: { ...record, body: 'Edited', updatedAt: '2026-01-03T00:00:00.000Z' } } })).toBe(false);
  });

  it('counts the replies of a collapsed card, and rebuilds it only when the count changes', () => {
    const edited = [{ record: { ...reply('r1', 'edited'), updatedAt: '2026-01-03T00:00:00.000Z' }, isPending: false }];
    expect(same({}, { replies: edited })).toBe(true);
    expect(same({}, { replies: [...edited, { record: reply('r2'), isPending: false }] })).toBe(false);
  });

  it('rebuilds an open card when a reply in its thread changes', () => {
    const edited = [{ record: { ...reply('r1', 'edited'), updatedAt: '2026-01-03T00:00:00.000Z' }, isPending: false }];
    expect(same({ isFocused: true }, { isFocused: true, replies: edited })).toBe(false);
  });

  it('rebuilds a card when it opens, when its own state changes, or when someone starts replying in it', () => {
    expect(same({}, { isFocused: true })).toBe(false);
    expect(same({}, { state: { isEditing: true, hiddenBody: null, notice: null, openForm: null } })).toBe(false);
    expect(same({ isFocused: true }, { isFocused: true, typing: ['Bea'] })).toBe(false);
    expect(same({}, { typing: ['Bea'] })).toBe(true);
  });
});
