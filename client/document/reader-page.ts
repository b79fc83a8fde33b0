/**
 * The page at /documents/:id: citation, the document itself, and the selection bar. Signed in,
 * the reader also keeps private notes on it (the annotated reader without a seminar).
 */
import { el, statusMessage } from '../dom.ts';
import type { Cleanup } from '../router.ts';
import { mountAnnotatedReader } from '../margin/annotated-reader.ts';
import { getDocument } from '../services/api.ts';
import { loadSession } from '../services/session.ts';
import { renderCitation } from './citation.ts';
import { createReader, type Reader } from './reader.ts';
import { createSelectionBar } from './selection-bar.ts';

export function renderReaderPage(container: HTMLElement, id: string): Cleanup {
  let isCurrent = true;
  let cleanup: Cleanup = () => {};
  container.replaceChildren(statusMessage('loading', 'Loading the document…'));

  void Promise.all([getDocument(id), loadSession()]).then(([result, session]) => {
    if (!isCurrent) return;
    if (result.type === 'error') {
      const text = result.status === 404 ? `No document with id “${id}”.` : `Could not load the document: ${result.message}`;
      container.replaceChildren(statusMessage('error', text), el('p', {}, el('a', { href: '/', 'data-link': '' }, 'All documents')));
      return;
    }
    const record = result.value;
    document.title = `${record.title} · Marginalia`;
    if (session.type === 'signed-in') {
      try {
        cleanup = mountAnnotatedReader(container, { record, group: null, me: { id: session.user.id, name: session.user.name } });
      } catch (error) {
        container.replaceChildren(statusMessage('error', `This document cannot be displayed: ${String(error)}`));
      }
      return;
    }
    const mount = el('article', { class: 'reader', 'data-document-id': record.id, 'data-version': String(record.version) });
    container.replaceChildren(el('div', { class: 'reader-page' }, renderCitation(record.citation), mount));
    let reader: Reader;
    try {
      reader = createReader(mount, record.body);
    } catch (error) {
      // A body that does not fit the schema is an import bug; say so rather than show a blank page.
      container.replaceChildren(statusMessage('error', `This document cannot be displayed: ${String(error)}`));
      return;
    }
    const bar = createSelectionBar(reader, record.citation?.firstPage ?? null);
    container.append(bar.element);
    cleanup = () => {
      bar.destroy();
      reader.view.destroy();
    };
  });

  return () => {
    isCurrent = false;
    cleanup();
    document.title = 'Marginalia';
  };
}
