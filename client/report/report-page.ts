/**
 * /groups/:groupId/documents/:documentId/report: the seminar report, a printable page of the
 * document's discussion in the group (shared/report.ts builds it from the live layer), with the
 * source's citation on top and a Markdown download. The margin's filters come as query parameters
 * (?tag=…&tag=…&match=all&author=&status=&mine=1), the same as the margin's filters bar. The
 * seminar's commentary, when it has one, is the report's first part, as the server exports it (its
 * citations resolved), on the page and in the download.
 */
import type { AnnotationRecord } from '../../shared/annotations.ts';
import { bodyText, buildReport, reportToMarkdown, type Report, type ReportEntry } from '../../shared/report.ts';
import { requireSignIn } from '../account/require-sign-in.ts';
import { pageFinder } from '../activity/page-of.ts';
import { el, statusMessage } from '../dom.ts';
import { kindLabels, timeLabel } from '../margin/margin-context.ts';
import { renderMarkdown } from '../margin/markdown.ts';
import type { Cleanup } from '../router.ts';
import { getDocument, requestText } from '../services/api.ts';
import { getGroup } from '../services/groups-api.ts';
import { getLayer } from '../services/history-api.ts';
import { matchesTags } from '../store/filters.ts';

export function renderReportPage(container: HTMLElement, groupId: string, documentId: string): Cleanup {
  return requireSignIn(container, (user) => {
    let isCurrent = true;
    let blobUrl: string | null = null;
    container.replaceChildren(statusMessage('loading', 'Building the seminar report…'));
    const commentaryPath = `/api/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(documentId)}/commentary.md`;
    void Promise.all([getDocument(documentId), getGroup(groupId), getLayer(groupId, documentId), requestText(commentaryPath)]).then(([documentResult, groupResult, layerResult, commentaryResult]) => {
      if (!isCurrent) return;
      const failed = [documentResult, groupResult, layerResult].find((result) => result.type === 'error');
      if (failed?.type === 'error' || documentResult.type !== 'ok' || groupResult.type !== 'ok' || layerResult.type !== 'ok') {
        container.replaceChildren(statusMessage('error', `Could not build the report: ${failed?.type === 'error' ? failed.message : 'unknown error'}`));
        return;
      }
      const record = documentResult.value;
      const report = buildReport({
        title: record.title,
        citation: record.citation,
        dateline: record.dateline,
        groupName: groupResult.value.name,
        annotations: layerResult.value.annotations,
        replies: layerResult.value.replies,
        pageOf: pageFinder(record),
        include: includeFromQuery(new URLSearchParams(location.search), user.id),
      });
      // A commentary that could not be read leaves the report as it was; one nobody wrote adds nothing.
      const commentary = commentaryResult.type === 'ok' && hasWords(commentaryResult.value) ? commentaryResult.value : null;
      const markdown = commentary ? `${commentary.trimEnd()}\n\n---\n\n${reportToMarkdown(report)}` : reportToMarkdown(report);
      blobUrl = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
      document.title = `Report: ${record.title} · ${groupResult.value.name} · Marginalia`;
      container.replaceChildren(renderReport(report, commentary, blobUrl, `/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(documentId)}`));
    });
    return () => {
      isCurrent = false;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      document.title = 'Marginalia';
    };
  });
}

/** Whether an exported commentary holds more than its heading. */
function hasWords(markdown: string): boolean {
  return markdown.split('\n').slice(1).some((line) => line.trim() !== '');
}

/** The margin's filters, from the query string. */
function includeFromQuery(query: URLSearchParams, myId: string): (annotation: AnnotationRecord) => boolean {
  const tags = query.getAll('tag');
  const tagMatch = query.get('match') === 'all' ? 'all' : 'any';
  const author = query.get('author');
  const status = query.get('status');
  const isMineOnly = query.get('mine') === '1';
  return (annotation) =>
    !annotation.isDeleted &&
    matchesTags(annotation.tags, tags, tagMatch) &&
    (author === null || annotation.authorId === author) &&
    (status === null || annotation.status === status) &&
    (!isMineOnly || annotation.authorId === myId);
}

function renderReport(report: Report, commentary: string | null, markdownUrl: string, readerPath: string): HTMLElement {
  const fileName = `${report.title.replace(/[^\w]+/g, '-').slice(0, 60)}-discussion.md`;
  const print = el('button', { type: 'button', class: 'button-small' }, 'Print');
  print.addEventListener('click', () => window.print());
  return el(
    'article',
    { class: 'report' },
    el(
      'nav',
      { class: 'report-tools', 'aria-label': 'Report' },
      el('a', { href: readerPath, 'data-link': '' }, 'Back to the document'),
      print,
      el('a', { href: markdownUrl, download: fileName, class: 'report-download' }, 'Download Markdown'),
    ),
    el('h1', {}, report.title),
    el('p', { class: 'report-citation' }, report.citation),
    report.dateline ? el('p', { class: 'report-dateline' }, report.dateline) : null,
    commentary ? el('section', { class: 'report-commentary', 'aria-label': 'The seminar’s commentary' }, renderMarkdown(commentary, 'markdown')) : null,
    el('p', { class: 'quiet' }, `Discussion of the seminar “${report.groupName}”, ${timeLabel(report.generatedAt)}. ${report.entries.length} ${report.entries.length === 1 ? 'annotation' : 'annotations'}.`),
    ...(report.entries.length === 0 ? [statusMessage('empty', 'No annotations to report.')] : report.entries.map(renderEntry)),
  );
}

function renderEntry(entry: ReportEntry, index: number): HTMLElement {
  const { annotation } = entry;
  return el(
    'section',
    { class: 'report-entry', 'data-annotation-id': annotation.id },
    el('h2', {}, `${index + 1}. ${kindLabels[annotation.kind] ?? annotation.kind}${entry.pages ? `, ${entry.pages}` : ''}`),
    el('blockquote', { class: 'report-quote' }, annotation.selectors.quote.exact),
    el(
      'p',
      { class: 'report-meta' },
      el('strong', {}, annotation.authorName),
      `, ${timeLabel(annotation.createdAt)}`,
      annotation.status === 'resolved' ? (annotation.kind === 'question' ? ' · answered' : ' · resolved') : '',
      annotation.tags.length > 0 ? ` · ${annotation.tags.map((tag) => `#${tag}`).join(' ')}` : '',
    ),
    renderMarkdown(bodyText(annotation), 'markdown report-body'),
    entry.thread.length > 0
      ? el(
          'ol',
          { class: 'report-thread' },
          ...entry.thread.map(({ reply, depth }) =>
            el('li', { class: `report-reply depth-${Math.min(depth, 4)}` }, el('p', { class: 'report-meta' }, el('strong', {}, reply.authorName), `, ${timeLabel(reply.createdAt)}`), renderMarkdown(bodyText(reply), 'markdown')),
          ),
        )
      : null,
  );
}
