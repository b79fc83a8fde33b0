import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import { buildTextMap, pageAt } from '../../shared/canonical-text.ts';
import { describeRange } from '../../shared/selectors.ts';
import { buildReport, reportToMarkdown } from '../../shared/report.ts';
import { importedMemo, memoDoc, memoMetadata } from '../fixtures/memo.ts';

const memo = importedMemo();
const map = buildTextMap(memoDoc());
const pageOf = (offset: number) => pageAt(map, offset, memoMetadata.citation?.firstPage ?? null);

let counter = 0;
function annotation(quote: string, extra: Partial<AnnotationRecord> = {}): AnnotationRecord {
  const start = memo.text.indexOf(quote);
  counter += 1;
  return {
    id: `a${counter}`,
    documentId: 'frus1981-88v41-d97',
    groupId: 'g',
    visibility: 'group',
    kind: 'comment',
    selectors: describeRange(memo.text, start, start + quote.length),
    body: `Note ${counter}`,
    tags: [],
    status: 'open',
    isHidden: false,
    isDeleted: false,
    authorId: 'u1',
    authorName: 'Ana',
    createdAt: `2026-11-0${counter}T10:00:00.000Z`,
    updatedAt: `2026-11-0${counter}T10:00:00.000Z`,
    ...extra,
  };
}

function reply(id: string, annotationId: string, parentId: string | null, createdAt: string, body: string): ReplyRecord {
  return { id, annotationId, parentId, body, isHidden: false, isDeleted: false, authorId: 'u2', authorName: 'Ben', createdAt, updatedAt: createdAt };
}

describe('the seminar report', () => {
  const annotations = [
    annotation('are beginning to lose control'), // p. 290, written first
    annotation('Since 1973', { kind: 'question', status: 'resolved', tags: ['Helsinki'] }), // p. 287
    annotation('Most likely, the Soviets', { body: null, isHidden: true }), // p. 289
    annotation('ship, the Soviets have cleverly'), // p. 288
    annotation('new leadership', { kind: 'highlight', body: '' }), // pp. 287–288
  ];
  const replies = [
    reply('r2', annotations[1]!.id, 'r1', '2026-11-10T10:05:00.000Z', 'Answer to the answer.'),
    reply('r1', annotations[1]!.id, null, '2026-11-10T10:00:00.000Z', 'First answer.'),
    reply('r3', annotations[1]!.id, null, '2026-11-10T10:10:00.000Z', 'Second answer.'),
  ];
  const report = buildReport({ title: memo.title, citation: memo.citation, dateline: memo.dateline, groupName: 'Cold War seminar', annotations, replies, pageOf });

  it('lists every annotation in the order of the text with its printed pages', () => {
    expect(report.entries.map((entry) => [entry.annotation.selectors.quote.exact.slice(0, 12), entry.pages])).toEqual([
      ['Since 1973', 'p. 287'],
      ['new leadersh', 'pp. 287–288'],
      ['ship, the So', 'p. 288'],
      ['Most likely,', 'p. 289'],
      ['are beginnin', 'p. 290'],
    ]);
  });

  it('keeps each thread with answers under what they answer', () => {
    expect(report.entries[0]!.thread.map((item) => [item.reply.id, item.depth])).toEqual([
      ['r1', 0],
      ['r2', 1],
      ['r3', 0],
    ]);
  });

  it('writes Markdown with the citation, passages, pages, authors, tags and threads', () => {
    const markdown = reportToMarkdown(report);
    expect(markdown).toContain('*Foreign Relations of the United States, 1981–1988, Volume XLI, Global Issues II, Document 97, https://history.state.gov/historicaldocuments/frus1981-88v41/d97*');
    expect(markdown).toContain('## 1. Question, p. 287\n\n> Since 1973\n\n**Ana**, 2026-11-02 10:00 UTC · answered · #Helsinki');
    expect(markdown).toContain('- **Ben**, 2026-11-10 10:00 UTC: First answer.\n\n  - **Ben**, 2026-11-10 10:05 UTC: Answer to the answer.');
    expect(markdown).toContain('*[hidden by a moderator]*');
    expect(markdown.indexOf('## 4.')).toBeLessThan(markdown.indexOf('are beginning'));
  });

  it('applies the margin’s filters', () => {
    const onlyQuestions = buildReport({ title: memo.title, citation: memo.citation, dateline: null, groupName: 'x', annotations, replies, pageOf, include: (a) => a.kind === 'question' });
    expect(onlyQuestions.entries).toHaveLength(1);
  });
});
