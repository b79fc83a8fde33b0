/**
 * A seminar's layer as CSV (RFC 4180), for a spreadsheet: one row per annotation or reply, in reading
 * order (annotations by where their passage starts, each followed by its replies as they were
 * written), with the printed page of the passage. The rows are what the room shows every member: a
 * hidden or deleted record has no body here, for anyone, since a file travels beyond the seminar (the
 * W3C export, server/w3c/, keeps the same rule).
 */
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import type { Layer } from '../queries/annotation-layer.ts';

export const layerCsvColumns = ['record', 'id', 'annotation', 'in reply to', 'kind', 'author', 'created', 'modified', 'status', 'page', 'start', 'end', 'quote', 'tags', 'body', 'hidden', 'deleted'] as const;

type Row = Record<(typeof layerCsvColumns)[number], string | number | null>;

/** `pageOf`: the printed page of a canonical offset, or null where the document has no page numbers. */
export function layerCsv(layer: Layer, pageOf: (offset: number) => number | null): string {
  const repliesOf = new Map<string, ReplyRecord[]>();
  for (const reply of [...layer.replies].sort(byWriting)) {
    const thread = repliesOf.get(reply.annotationId);
    if (thread) thread.push(reply);
    else repliesOf.set(reply.annotationId, [reply]);
  }
  const annotations = [...layer.annotations].sort((a, b) => a.selectors.position.start - b.selectors.position.start || byWriting(a, b));
  const rows: Row[] = [];
  for (const annotation of annotations) {
    const page = pageOf(annotation.selectors.position.start);
    rows.push(annotationRow(annotation, page));
    for (const reply of repliesOf.get(annotation.id) ?? []) rows.push(replyRow(reply, page));
  }
  return [layerCsvColumns.join(','), ...rows.map((row) => layerCsvColumns.map((column) => csvField(row[column])).join(','))].join('\r\n') + '\r\n';
}

const byWriting = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function annotationRow(annotation: AnnotationRecord, page: number | null): Row {
  return {
    record: 'annotation',
    id: annotation.id,
    annotation: null,
    'in reply to': null,
    kind: annotation.kind,
    author: annotation.authorName,
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    status: annotation.status,
    page,
    start: annotation.selectors.position.start,
    end: annotation.selectors.position.end,
    quote: annotation.selectors.quote.exact,
    tags: annotation.tags.join('; '),
    body: annotation.body,
    hidden: annotation.isHidden ? 'yes' : 'no',
    deleted: annotation.isDeleted ? 'yes' : 'no',
  };
}

function replyRow(reply: ReplyRecord, page: number | null): Row {
  return {
    record: 'reply',
    id: reply.id,
    annotation: reply.annotationId,
    'in reply to': reply.parentId ?? reply.annotationId,
    kind: null,
    author: reply.authorName,
    created: reply.createdAt,
    modified: reply.updatedAt,
    status: null,
    page,
    start: null,
    end: null,
    quote: null,
    tags: null,
    body: reply.body,
    hidden: reply.isHidden ? 'yes' : 'no',
    deleted: reply.isDeleted ? 'yes' : 'no',
  };
}

/**
 * One field: quoted when it holds a comma, a quote or a line break. A text a spreadsheet would take
 * for a formula (=, +, @, a tab or carriage return first; a minus not followed by a space, which
 * keeps Markdown lists as they are) is kept as text by a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+@\t\r]|^-(?! )/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
