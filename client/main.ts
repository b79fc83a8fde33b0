/** The browser app's entry: two pages, the document list and the reader. */
import { renderReaderPage } from './document/reader-page.ts';
import { statusMessage } from './dom.ts';
import { renderDocumentList } from './list/document-list.ts';
import { startRouter } from './router.ts';

const app = document.getElementById('app');
if (!app) throw new Error('index.html has no #app element');

startRouter(
  app,
  [
    { pattern: /^\/$/, render: (container) => renderDocumentList(container) },
    { pattern: /^\/documents\/([^/]+)\/?$/, render: (container, [id]) => renderReaderPage(container, id ?? '') },
  ],
  (container, [path]) => {
    container.replaceChildren(statusMessage('error', `No page at ${path ?? location.pathname}.`));
  },
);
