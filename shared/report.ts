/**
 * The seminar report: a document's discussion in a group, annotation by annotation in the order of
 * the text, each with its passage, printed page, author, time, tags, body and whole thread, under the
 * source's citation. `buildReport` makes the structure (the client renders it as a printable page);
 * `reportToMarkdown` writes it as Markdown.
 */
import type { AnnotationRecord, ReplyRecord } from './annotations.ts';
import type { Citation } from './document.ts';

export interface ReportThreadItem {
  reply: ReplyRecord;
  depth: number;
}

export interface ReportEntry {
  annotation: AnnotationRecord;
  /** "p. 289", "pp. 288–289", or "" when the page is unknown. */
  pages: string;
  thread: ReportThreadItem[];
}

export interface Report {
  title: string;
  citation: string;
  dateline: string | null;
  groupName: string;
  generatedAt: string;
  entries: ReportEntry[];
}

export interface ReportInput {
  title: string;
  citation: Citation | null;
  dateline: string | null;
  groupName: string;
  annotations: AnnotationRecord[];
  replies: ReplyRecord[];
  /** The printed page of a canonical offset (canonical-text.ts `pageAt`). */
  pageOf: (offset: number) => number | null;
  /** Which annotations to include: the margin's filters. */
  include?: (annotation: AnnotationRecord) => boolean;
  generatedAt?: Date;
}

export function citationLine(citation: Citation | null, title: string): string {
  if (!citation) return title;
  return `${citation.series}, ${citation.volume}, Document ${citation.document}${citation.url ? `, ${citation.url}` : ''}`;
}

export function pagesLabel(start: number | null, end: number | null): string {
  if (start === null) return '';
  return end === null || end === start ? `p. ${start}` : `pp. ${start}–${end}`;
}

export function buildReport(input: ReportInput): Report {
  const include = input.include ?? (() => true);
  const entries = input.annotations
    .filter(include)
    .sort((a, b) => a.selectors.position.start - b.selectors.position.start || a.selectors.position.end - b.selectors.position.end || a.createdAt.localeCompare(b.createdAt))
    .map((annotation) => ({
      annotation,
      pages: pagesLabel(input.pageOf(annotation.selectors.position.start), input.pageOf(Math.max(annotation.selectors.position.start, annotation.selectors.position.end - 1))),
      thread: threadOf(annotation.id, input.replies),
    }));
  return {
    title: input.title,
    citation: citationLine(input.citation, input.title),
    dateline: input.dateline,
    groupName: input.groupName,
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    entries,
  };
}

/** The replies to an annotation, each followed by its answers, oldest first at every level. */
function threadOf(annotationId: string, replies: ReplyRecord[]): ReportThreadItem[] {
  const own = replies.filter((reply) => reply.annotationId === annotationId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const children = new Map<string | null, ReplyRecord[]>();
  for (const reply of own) {
    const parent = reply.parentId && own.some((candidate) => candidate.id === reply.parentId) ? reply.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), reply]);
  }
  const thread: ReportThreadItem[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const reply of children.get(parent) ?? []) {
      thread.push({ reply, depth });
      walk(reply.id, depth + 1);
    }
  };
  walk(null, 0);
  return thread;
}

const kindLabel: Record<AnnotationRecord['kind'], string> = { comment: 'Comment', question: 'Question', correction: 'Correction', highlight: 'Highlight' };

export function bodyText(record: { body: string | null; isHidden: boolean; isDeleted: boolean }): string {
  if (record.isDeleted) return '*[deleted]*';
  if (record.body === null) return '*[hidden by a moderator]*';
  return record.body;
}

export function reportToMarkdown(report: Report): string {
  const lines = [`# ${report.title}`, '', `*${report.citation}*`];
  if (report.dateline) lines.push('', report.dateline);
  lines.push('', `Discussion of the seminar “${report.groupName}”, exported ${report.generatedAt.slice(0, 10)}.`);
  for (const [index, entry] of report.entries.entries()) {
    const { annotation } = entry;
    const status = annotation.status === 'resolved' ? (annotation.kind === 'question' ? ' · answered' : ' · resolved') : '';
    lines.push('', `## ${index + 1}. ${kindLabel[annotation.kind]}${entry.pages ? `, ${entry.pages}` : ''}`, '');
    lines.push(...annotation.selectors.quote.exact.split('\n').map((line) => `> ${line}`), '');
    lines.push(`**${annotation.authorName}**, ${annotation.createdAt.slice(0, 16).replace('T', ' ')} UTC${status}${annotation.tags.length ? ` · ${annotation.tags.map((tag) => `#${tag}`).join(' ')}` : ''}`);
    if (annotation.kind !== 'highlight' || annotation.body) lines.push('', bodyText(annotation));
    for (const { reply, depth } of entry.thread) {
      const indent = '  '.repeat(depth);
      lines.push('', `${indent}- **${reply.authorName}**, ${reply.createdAt.slice(0, 16).replace('T', ' ')} UTC: ${bodyText(reply).replace(/\n/g, `\n${indent}  `)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
