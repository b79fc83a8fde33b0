/// <reference types="vite/client" />
/**
 * The browser app's entry: the routes, the account links in the header, the live socket that
 * opens once someone is signed in, and the service worker that lets a page reload offline.
 */
import { renderAccountPage } from './account/account-page.ts';
import { renderSignInPage } from './account/sign-in-page.ts';
import { renderSignUpPage } from './account/sign-up-page.ts';
import { renderGroupReaderPage } from './document/group-reader-page.ts';
import { renderReaderPage } from './document/reader-page.ts';
import { statusMessage } from './dom.ts';
import { renderGroupListPage } from './groups/group-list-page.ts';
import { renderGroupPage } from './groups/group-page.ts';
import { renderTimelinePage } from './history/timeline-page.ts';
import { renderInvitePage } from './invites/invite-page.ts';
import { renderReportPage } from './report/report-page.ts';
import { renderSearchPage } from './search/search-page.ts';
import { renderDocumentList } from './list/document-list.ts';
import { renderLibraryPage } from './library/library-page.ts';
import { startRouter } from './router.ts';
import { loadSession } from './services/session.ts';
import { startSocket } from './services/socket.ts';
import { mountAccountNav } from './site-header.ts';

const app = document.getElementById('app');
const accountNav = document.getElementById('account-nav');
if (!app || !accountNav) throw new Error('index.html lacks #app or #account-nav');

mountAccountNav(accountNav);
startSocket();
void loadSession();
registerServiceWorker();

startRouter(
  app,
  [
    { pattern: /^\/$/, render: (container) => renderDocumentList(container) },
    { pattern: /^\/documents\/([^/]+)\/?$/, render: (container, [id]) => renderReaderPage(container, id ?? '') },
    { pattern: /^\/signin\/?$/, render: (container) => renderSignInPage(container) },
    { pattern: /^\/signup\/?$/, render: (container) => renderSignUpPage(container) },
    { pattern: /^\/account\/?$/, render: (container) => renderAccountPage(container) },
    { pattern: /^\/groups\/?$/, render: (container) => renderGroupListPage(container) },
    { pattern: /^\/groups\/([^/]+)\/?$/, render: (container, [id]) => renderGroupPage(container, id ?? '') },
    {
      pattern: /^\/groups\/([^/]+)\/documents\/([^/]+)\/?$/,
      render: (container, [groupId, documentId]) => renderGroupReaderPage(container, groupId ?? '', documentId ?? ''),
    },
    {
      pattern: /^\/groups\/([^/]+)\/documents\/([^/]+)\/history\/?$/,
      render: (container, [groupId, documentId]) => renderTimelinePage(container, groupId ?? '', documentId ?? ''),
    },
    {
      pattern: /^\/groups\/([^/]+)\/documents\/([^/]+)\/report\/?$/,
      render: (container, [groupId, documentId]) => renderReportPage(container, groupId ?? '', documentId ?? ''),
    },
    { pattern: /^\/invites\/([^/]+)\/?$/, render: (container, [token]) => renderInvitePage(container, token ?? '') },
    { pattern: /^\/library\/?$/, render: (container) => renderLibraryPage(container) },
    { pattern: /^\/search\/?$/, render: (container) => renderSearchPage(container) },
  ],
  (container, [path]) => {
    container.replaceChildren(statusMessage('error', `No page at ${path ?? location.pathname}.`));
  },
);

/**
 * The service worker (client/sw.ts, docs/offline.md) exists in built clients only: vite's development
 * server serves no /sw.js, and a worker caching its modules would get in the way of their reloading.
 * Without a worker the app works as before, online only, so a failure is logged and nothing else.
 */
const registerDelayMs = 3000;

function registerServiceWorker(): void {
  // `import.meta.hot` exists only under the development server, whatever NODE_ENV says (tests build with 'test').
  if (import.meta.hot || !('serviceWorker' in navigator)) return;
  // Installing fetches the page, its bundles and the reader's answers again, from the same server
  // that is then loading the page's room: at `load` it delayed a crowded margin's first render by
  // ~150 ms (npm run bench -- margin). The worker serves the next load, so it waits until this one
  // has settled: a few seconds after `load`, at an idle moment.
  const register = (): void => {
    // Offline, the worker's script cannot be fetched (and the browser logs an error of its own): once back.
    if (!navigator.onLine) {
      window.addEventListener('online', register, { once: true });
      return;
    }
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => console.warn(`The service worker could not be registered: ${String(error)}`));
  };
  const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 2000 }) : run());
  window.addEventListener('load', () => setTimeout(() => whenIdle(register), registerDelayMs), { once: true });
}
