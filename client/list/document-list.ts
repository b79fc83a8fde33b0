/** The front page: every imported document, with enough of its citation to pick the right one. */
import type { DocumentSummary } from '../../shared/document.ts';
import { renderCitation } from '../document/citation.ts';
import { el, statusMessage } from '../dom.ts';
import type { Cleanup } from '../router.ts';
import { listDocuments } from '../services/api.ts';

export function renderDocumentList(container: HTMLElement): Cleanup {
  let isCurrent = true;
  container.replaceChildren(statusMessage('loading', 'Loading documents…'));
  void listDocuments().then((result) => {
    if (!isCurrent) return;
    if (result.type === 'error') {
      container.replaceChildren(statusMessage('error', `Could not load the documents: ${result.message}`));
    } else if (result.value.length === 0) {
      container.replaceChildren(statusMessage('empty', 'No documents have been imported yet.'));
    } else {
      container.replaceChildren(
        el('h1', { class: 'list-heading' }, 'Documents'),
        el('ul', { class: 'document-list' }, ...result.value.map(renderSummary)),
      );
    }
  });
  return () => {
    isCurrent = false;
  };
}

function renderSummary(summary: DocumentSummary): HTMLElement {
  return el(
    'li',
    { class: 'document-summary' },
    el('a', { class: 'document-summary-title', href: `/documents/${encodeURIComponent(summary.id)}`, 'data-link': '' }, summary.title),
    summary.dateline ? el('p', { class: 'document-summary-dateline' }, summary.dateline) : null,
    renderCitation(summary.citation),
  );
}
