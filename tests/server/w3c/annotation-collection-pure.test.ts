/**
 * The export's pure module on synthetic layers: what the route cannot easily be made to receive
 * (a passage cut inside a surrogate pair, a private note or a hidden body handed to it by mistake).
 */
import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, ReplyRecord } from '../../../shared/annotations.ts';
import { describeRange } from '../../../shared/selectors.ts';
import { annotationCollection } from '../../../server/w3c/annotation-collection.ts';
import { irisUnder } from '../../../server/w3c/iris.ts';
import type { SpecificResource } from '../../../server/w3c/model.ts';

const text = 'Title\nThe 𝔐oscow talks 😀 resumed.';
const group = { id: '00000000-0000-4000-8000-000000000001', name: 'Seminar' };
const document = { id: 'note', version: 3, title: 'Title', text };
const layerIri = `https://marginalia.example/api/groups/${group.id}/documents/note/annotations/`;
const iris = irisUnder('https://marginalia.example/', { groupId: group.id, documentId: document.id });

function record(id: string, start: number, end: number, changes: Partial<AnnotationRecord> = {}): AnnotationRecord {
  return {
    id,
    documentId: 'note',
    groupId: group.id,
    visibility: 'group',
    kind: 'comment',
    selectors: describeRange(text, start, end),
    body: 'Words',
    tags: [],
    status: 'open',
    isHidden: false,
    isDeleted: false,
    authorId: 'u1',
    authorName: 'Ana',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...changes,
  };
}

const reply = (changes: Partial<ReplyRecord>): ReplyRecord => ({
  id: 'r1',
  annotationId: 'a1',
  parentId: null,
  body: 'A reply',
  isHidden: false,
  isDeleted: false,
  authorId: 'u2',
  authorName: 'Ben',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...changes,
});

const selectors = (target: unknown) => (target as SpecificResource).selector;

describe('annotationCollection', () => {
  it('widens a passage cut inside a surrogate pair to the whole character, in both selectors', () => {
    const emoji = text.indexOf('😀');
    // From inside 𝔐 to inside 😀: start rounds back before 𝔐, end forward after 😀.
    const cut = record('a1', text.indexOf('𝔐') + 1, emoji + 1);
    cut.selectors.quote.exact = text.slice(cut.selectors.position.start, cut.selectors.position.end);
    const collection = annotationCollection({ iris, group, document, layer: { annotations: [cut], replies: [] } });
    const [quote, position] = selectors(collection.first.items[0]!.target);
    expect(quote.exact).toBe('𝔐oscow talks 😀');
    expect(position).toEqual({ type: 'TextPositionSelector', start: 10, end: 24 });
    expect([...text].slice(position.start, position.end).join('')).toBe(quote.exact);
    expect((collection.first.items[0]!.target as SpecificResource).source).toBe('https://marginalia.example/api/documents/note/versions/3');
  });

  it('never keeps context that begins or ends on half a character', () => {
    // 32 units before "middle" fall inside an emoji, 32 after it inside a 𝔐.
    const long = `${'😀'.repeat(20)}ymiddlez${'𝔐'.repeat(20)}`;
    const start = long.indexOf('middle');
    const annotation = { ...record('a1', 0, 1), selectors: describeRange(long, start, start + 6) };
    expect(annotation.selectors.quote.prefix.charCodeAt(0)).toBeGreaterThanOrEqual(0xdc00); // ours begins on a low half
    const collection = annotationCollection({ iris, group, document: { ...document, text: long }, layer: { annotations: [annotation], replies: [] } });
    const [quote, position] = selectors(collection.first.items[0]!.target);
    expect(quote).toMatchObject({ exact: 'middle', prefix: `${'😀'.repeat(15)}y`, suffix: `z${'𝔐'.repeat(15)}` });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 21, end: 27 });
  });

  it('leaves out private notes and other documents’ records, and hidden text even when it is handed over', () => {
    const collection = annotationCollection({
      iris,
      group,
      document,
      layer: {
        annotations: [
          record('a1', 6, 9, { isHidden: true, body: 'a hidden body the room would not hold' }),
          record('p1', 6, 9, { visibility: 'private', groupId: null, body: 'private' }),
          record('o1', 6, 9, { documentId: 'other', body: 'elsewhere' }),
        ],
        replies: [reply({ isHidden: true, body: 'hidden reply' }), reply({ id: 'r2', annotationId: 'p1', body: 'to a private note' })],
      },
    });
    const json = JSON.stringify(collection);
    for (const leaked of ['hidden body', 'private', 'elsewhere', 'hidden reply', 'to a private note']) expect(json).not.toContain(leaked);
    expect(collection.first.items.map((item) => item.id)).toEqual([`${layerIri}a1`, `${layerIri}r1`]);
    expect(collection.total).toBe(2);
  });

  it('exports an empty layer as a valid empty collection', () => {
    const collection = annotationCollection({ iris, group, document, layer: { annotations: [], replies: [] } });
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 0, first: { items: [] } });
  });
});
