/**
 * The margin's store without a browser: which annotations the page shows, where, and in which state,
 * from the rooms' records, the outbox and the acknowledgements.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Command, ReplyRecord } from '../../shared/annotations.ts';
import { describeRange } from '../../shared/selectors.ts';
import { buildLayer, type LayerSources } from '../../client/store/annotations.ts';
import { matchesFilters, noFilters } from '../../client/store/filters.ts';

const text = 'Under the new leadership, the Soviets have cleverly gone on the offensive.';
const me = { id: '00000000-0000-4000-8000-000000000001', name: 'Ada' };
let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function annotation(quote: string, overrides: Partial<AnnotationRecord> = {}): AnnotationRecord {
  const start = text.indexOf(quote);
  return {
    id: uuid(),
    documentId: 'memo',
    groupId: 'g',
    visibility: 'group',
    kind: 'comment',
    selectors: describeRange(text, start, start + quote.length),
    body: `On ${quote}`,
    tags: [],
    status: 'open',
    isHidden: false,
    isDeleted: false,
    authorId: me.id,
    authorName: me.name,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function reply(annotationId: string, overrides: Partial<ReplyRecord> = {}): ReplyRecord {
  return { id: uuid(), annotationId, parentId: null, body: 'a reply', isHidden: false, isDeleted: false, authorId: me.id, authorName: me.name, createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', ...overrides };
}

function sources(room: { annotations: AnnotationRecord[]; replies?: ReplyRecord[] }, pending: Command[] = []): LayerSources {
  return {
    text,
    me,
    groupId: 'g',
    rooms: () => [{ annotations: room.annotations, replies: room.replies ?? [] }],
    pending: () => pending,
    acknowledged: () => ({ annotations: [], replies: [] }),
  };
}

describe('the annotation layer', () => {
  it('anchors an annotation again when its selectors change, and only then', () => {
    const lost = annotation('new leadership', { selectors: { position: { type: 'TextPositionSelector', start: 0, end: 12 }, quote: { type: 'TextQuoteSelector', exact: 'Glasnost now', prefix: '', suffix: '' } } });
    const anchors = new Map();
    expect(buildLayer(sources({ annotations: [lost] }), anchors).byId.get(lost.id)?.anchor.type).toBe('orphan');
    const kept = anchors.get(lost.id);
    // The same selectors in a new record (an unrelated edit): the kept anchor serves.
    buildLayer(sources({ annotations: [{ ...lost, body: 'edited', selectors: { ...lost.selectors } }] }), anchors);
    expect(anchors.get(lost.id)).toBe(kept);
    // Re-attached: the card leaves the orphans with the same cache.
    const start = text.indexOf('offensive');
    const reattached = { ...lost, selectors: describeRange(text, start, start + 'offensive'.length) };
    const item = buildLayer(sources({ annotations: [reattached] }), anchors).byId.get(lost.id);
    expect(item?.anchor).toMatchObject({ type: 'anchored', start, end: start + 'offensive'.length });
  });

  it('orders annotations by their place in the text and lists orphans last', () => {
    const later = annotation('offensive');
    const earlier = annotation('new leadership');
    const lost = annotation('new leadership', { selectors: { position: { type: 'TextPositionSelector', start: 0, end: 12 }, quote: { type: 'TextQuoteSelector', exact: 'Glasnost now', prefix: '', suffix: '' } } });
    const layer = buildLayer(sources({ annotations: [lost, later, earlier] }), new Map());
    expect(layer.annotations.map((item) => item.record.id)).toEqual([earlier.id, later.id, lost.id]);
    expect(layer.byId.get(lost.id)?.anchor.type).toBe('orphan');
    expect(layer.byId.get(earlier.id)?.anchor).toMatchObject({ type: 'anchored', start: text.indexOf('new leadership') });
  });

  it('shows a command in the outbox as a pending annotation, and a pending resolve over the record', () => {
    const existing = annotation('cleverly');
    const annotationId = uuid();
    const pending: Command[] = [
      { type: 'annotation.create', commandId: uuid(), annotationId, target: { type: 'private' }, documentId: 'memo', kind: 'question', selectors: describeRange(text, 0, 5), body: 'Why?', tags: ['t'] },
      { type: 'annotation.resolve', commandId: uuid(), annotationId: existing.id },
      { type: 'reply.create', commandId: uuid(), replyId: uuid(), annotationId: existing.id, parentId: null, body: 'offline reply' },
    ];
    const layer = buildLayer(sources({ annotations: [existing] }, pending), new Map());
    expect(layer.byId.get(annotationId)).toMatchObject({ isPending: true, record: { visibility: 'private', authorName: 'Ada', kind: 'question' } });
    expect(layer.byId.get(existing.id)).toMatchObject({ isPending: true, record: { status: 'resolved' } });
    expect(layer.replies.get(existing.id)?.map((item) => [item.record.body, item.isPending])).toEqual([['offline reply', true]]);
  });

  it('keeps a deleted annotation only as the placeholder of a thread with replies', () => {
    const alone = annotation('the Soviets', { isDeleted: true, body: null });
    const answered = annotation('cleverly', { isDeleted: true, body: null });
    const layer = buildLayer(sources({ annotations: [alone, answered], replies: [reply(answered.id)] }), new Map());
    expect(layer.annotations.map((item) => item.record.id)).toEqual([answered.id]);
  });

  it('collects the tags and filters by tag, member, status and mine', () => {
    const tagged = annotation('new', { tags: ['glasnost', 'helsinki'], authorId: 'someone-else' });
    const layer = buildLayer(sources({ annotations: [tagged, annotation('offensive', { tags: ['helsinki'], status: 'resolved' })] }), new Map());
    expect(layer.tags).toEqual(['glasnost', 'helsinki']);
    const [first, second] = layer.annotations as [NonNullable<(typeof layer.annotations)[0]>, NonNullable<(typeof layer.annotations)[0]>];
    expect(matchesFilters(first, { ...noFilters, tags: ['glasnost'] }, me.id)).toBe(true);
    expect(matchesFilters(second, { ...noFilters, tags: ['glasnost'] }, me.id)).toBe(false);
    // Several tags: any of them by default, or all of them; without regard to case, as the vocabulary.
    expect(matchesFilters(second, { ...noFilters, tags: ['Glasnost', 'Helsinki'] }, me.id)).toBe(true);
    expect(matchesFilters(second, { ...noFilters, tags: ['glasnost', 'helsinki'], tagMatch: 'all' }, me.id)).toBe(false);
    expect(matchesFilters(first, { ...noFilters, tags: ['glasnost', 'HELSINKI'], tagMatch: 'all' }, me.id)).toBe(true);
    expect(matchesFilters(second, { ...noFilters, status: 'open' }, me.id)).toBe(false);
    expect(matchesFilters(first, { ...noFilters, isMineOnly: true }, me.id)).toBe(false);
    expect(matchesFilters(first, { ...noFilters, authorId: 'someone-else' }, me.id)).toBe(true);
  });

  it('keeps the threads of unchanged replies when only the annotations changed, and regroups them when the replies change or a reply is pending', () => {
    const first = annotation('new leadership');
    const replies = [reply(first.id, { createdAt: '2026-01-03T00:00:00.000Z' }), reply(first.id)];
    const anchors = new Map();
    const before = buildLayer(sources({ annotations: [first], replies }), anchors);
    expect(before.replies.get(first.id)?.map((item) => item.record.id)).toEqual([replies[1]!.id, replies[0]!.id]);

    const second = annotation('offensive');
    const after = buildLayer(sources({ annotations: [first, second], replies }), anchors);
    expect(after.annotations).toHaveLength(2);
    expect(after.replies).toBe(before.replies);

    const more = [...replies, reply(second.id)];
    expect(buildLayer(sources({ annotations: [first, second], replies: more }), anchors).replies.get(second.id)).toHaveLength(1);

    const answer: Command = { type: 'reply.create', commandId: uuid(), replyId: uuid(), annotationId: first.id, parentId: null, body: 'pending' };
    const pending = buildLayer(sources({ annotations: [first, second], replies: more }, [answer]), anchors);
    expect(pending.replies.get(first.id)?.map((item) => item.isPending)).toEqual([false, false, true]);
    expect(buildLayer(sources({ annotations: [first, second], replies: more }), anchors).replies.get(first.id)).toHaveLength(2);
  });
});
